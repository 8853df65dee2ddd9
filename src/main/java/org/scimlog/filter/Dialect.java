package org.scimlog.filter;

/** Which flavour of the filter language to accept. */
public enum Dialect {
    /** RFC 7644: attr or attr.sub, value paths allowed. */
    SCIM,
    /** Okta System Log: dotted paths of any depth (debugContext.debugData.requestId), no value paths. */
    OKTA_LOG
}
