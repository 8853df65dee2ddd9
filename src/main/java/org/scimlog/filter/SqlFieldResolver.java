package org.scimlog.filter;

/**
 * Implemented by the caller (users table, log table...) — knows columns and the schema. Throws
 * FilterException for unknown attributes / type mismatches.
 *
 * <p>Every fragment returned must be self-contained (see {@link SqlFragment}); {@link SqlComparison}
 * builds such fragments for the common cases.
 */
public interface SqlFieldResolver {

    SqlFragment comparison(AttributePath path, Operator operator, FilterValue value);

    SqlFragment present(AttributePath path);

    /** Typically an EXISTS over the attribute's elements, translating {@code inner} with an element resolver. */
    SqlFragment valuePath(AttributePath path, Filter inner);
}
