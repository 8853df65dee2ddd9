package org.scimlog.schema;

/** An extension schema attached to a resource type (RFC 7643 §6 "schemaExtensions"). */
public record SchemaExtension(Schema schema, boolean required) {
}
