package org.scimlog.filter;

/** How {@link SqlComparison} treats a column: decides the cast and which filter values fit. */
public enum ValueKind { TEXT, NUMBER, BOOLEAN, DATE_TIME }
