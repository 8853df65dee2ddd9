package org.scimlog.directory;

import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.scimlog.filter.AttributePath;
import org.scimlog.filter.Filter;
import org.scimlog.filter.FilterException;
import org.scimlog.filter.FilterSql;
import org.scimlog.filter.FilterValue;
import org.scimlog.filter.Operator;
import org.scimlog.filter.SqlComparison;
import org.scimlog.filter.SqlFieldResolver;
import org.scimlog.filter.SqlFragment;
import org.scimlog.filter.ValueKind;
import org.scimlog.schema.Attribute;
import org.scimlog.schema.AttributeType;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.Schema;

/**
 * Maps a resource type's attribute paths to SQL over its table: a jsonb {@code doc} column plus columns of
 * their own for some attributes (keyed by lower-case dotted path), which are used first so their indexes
 * serve filters. Multi-valued attributes in the document become EXISTS over jsonb_array_elements.
 */
public class DocumentSqlFields implements ResourceSqlFields {

    private final ResourceType type;
    private final String doc;
    private final Map<String, SqlColumn> columns;

    /** {@code alias} is the table alias the repository's queries use; {@code columns} keys are lower-case paths. */
    protected DocumentSqlFields(ResourceType type, String alias, Map<String, SqlColumn> columns) {
        this.type = type;
        this.doc = alias + ".doc";
        this.columns = Map.copyOf(columns);
    }

    @Override
    public String resourceName() {
        return type.name();
    }

    @Override
    public Optional<String> sortExpression(AttributePath path) {
        Optional<String> column = column(path).map(SqlColumn::expression);
        if (column.isPresent()) {
            return column;
        }
        Target target;
        try {
            target = target(path);
        } catch (FilterException e) {
            return Optional.empty();
        }
        if (target.multiValued()) {
            // RFC 7644 §3.4.2.3: a multi-valued attribute sorts by its primary (or first) value.
            return Optional.of("(SELECT " + fold(target.leaf(), "e.v->>" + quote(target.leaf().name()))
                    + " FROM jsonb_array_elements(" + target.container() + ") AS e(v)"
                    + " ORDER BY (e.v->>'primary') = 'true' DESC NULLS LAST LIMIT 1)");
        }
        return Optional.of(fold(target.leaf(), target.container() + "->>" + quote(target.leaf().name())));
    }

    @Override
    public SqlFragment comparison(AttributePath path, Operator operator, FilterValue value) {
        Optional<SqlColumn> column = column(path);
        if (column.isPresent()) {
            return column.get().compare(operator, value);
        }
        Target target = target(path);
        String element = target.multiValued() ? "e.v" : target.container();
        SqlFragment leaf = SqlComparison.build("(" + element + "->>" + quote(target.leaf().name()) + ")",
                kind(target.leaf()), target.leaf().caseExact(), operator, value);
        return target.multiValued() ? exists(target.container(), leaf) : leaf;
    }

    @Override
    public SqlFragment present(AttributePath path) {
        Optional<SqlColumn> column = column(path);
        if (column.isPresent()) {
            return SqlComparison.present(column.get().expression());
        }
        Target target = target(path);
        String element = target.multiValued() ? "e.v" : target.container();
        SqlFragment leaf = SqlComparison.present("(" + element + "->" + quote(target.leaf().name()) + ")");
        return target.multiValued() ? exists(target.container(), leaf) : leaf;
    }

    @Override
    public SqlFragment valuePath(AttributePath path, Filter inner) {
        Schema schema = schema(path);
        Attribute attribute = notSecret(schema.attribute(path.attribute())
                .orElseThrow(() -> unknown(path)), path);
        if (!attribute.isComplex() || !attribute.multiValued() || path.subAttribute() != null) {
            throw new FilterException("'" + path.dotted() + "' is not a multi-valued complex attribute; "
                    + "[...] filters apply only to those");
        }
        String container = jsonContainer(schema) + "->" + quote(attribute.name());
        return exists(container, FilterSql.toSql(inner, new ElementFields(attribute)));
    }

    private SqlFragment exists(String container, SqlFragment condition) {
        return new SqlFragment("EXISTS (SELECT 1 FROM jsonb_array_elements(" + container + ") AS e(v) WHERE "
                + condition.sql() + ")", condition.parameters());
    }

    /** Attributes stored in their own columns; their comparisons can use the columns' indexes. */
    private Optional<SqlColumn> column(AttributePath path) {
        if (path.schemaUrn() != null && !path.schemaUrn().equalsIgnoreCase(type.schema().id())) {
            return Optional.empty();
        }
        return Optional.ofNullable(columns.get(path.dotted().toLowerCase()));
    }

    /** Where a path's value lives in the document: its container expression and its leaf attribute. */
    private record Target(String container, Attribute leaf, boolean multiValued) {
    }

    private Target target(AttributePath path) {
        Schema schema = schema(path);
        Attribute attribute = notSecret(schema.attribute(path.attribute()).orElseThrow(() -> unknown(path)), path);
        String base = jsonContainer(schema);
        if (attribute.isComplex()) {
            String subName = path.subAttribute() != null ? path.subAttribute() : "value";
            Attribute sub = notSecret(attribute.subAttribute(subName).orElseThrow(() -> path.subAttribute() == null
                    ? new FilterException("'" + path.dotted() + "' is complex: name one of its sub-attributes")
                    : unknown(path)), path);
            return new Target(base + "->" + quote(attribute.name()), sub, attribute.multiValued());
        }
        if (path.subAttribute() != null) {
            throw unknown(path);
        }
        if (attribute.multiValued()) {
            throw new FilterException("'" + path.dotted() + "' is a multi-valued simple attribute; not filterable");
        }
        return new Target(base, attribute, false);
    }

    private Schema schema(AttributePath path) {
        if (path.schemaUrn() == null) {
            return type.schema();
        }
        return type.schemaByUrn(path.schemaUrn()).orElseThrow(() ->
                new FilterException("unknown schema '" + path.schemaUrn() + "'"));
    }

    private String jsonContainer(Schema schema) {
        return schema == type.schema() ? doc : doc + "->" + quote(schema.id());
    }

    /**
     * A secret is never returned (RFC 7643 §7), so it cannot be filtered or sorted on either: each comparison
     * would tell a caller one more thing about it. Refused before its value is looked at, so the value is
     * quoted in no reason and recorded in no event.
     */
    private static Attribute notSecret(Attribute attribute, AttributePath path) {
        if (attribute.isSecret()) {
            throw new FilterException("'" + path.dotted() + "' is never returned, so it cannot be filtered or sorted on");
        }
        return attribute;
    }

    private static FilterException unknown(AttributePath path) {
        return new FilterException("unknown attribute '" + path.dotted() + "'");
    }

    static ValueKind kind(Attribute attribute) {
        return switch (attribute.type()) {
            case BOOLEAN -> ValueKind.BOOLEAN;
            case INTEGER, DECIMAL -> ValueKind.NUMBER;
            case DATE_TIME -> ValueKind.DATE_TIME;
            default -> ValueKind.TEXT;
        };
    }

    private static String fold(Attribute attribute, String expression) {
        return attribute.type() == AttributeType.STRING && !attribute.caseExact()
                ? "lower(" + expression + ")" : "(" + expression + ")";
    }

    /** Names come from the schema registry, never from the request; quoting keeps that safe regardless. */
    static String quote(String jsonKey) {
        return "'" + jsonKey.replace("'", "''") + "'";
    }

    /** Resolves the paths inside a value filter, relative to one element (alias e.v). */
    private static final class ElementFields implements SqlFieldResolver {
        private final Attribute parent;

        ElementFields(Attribute parent) {
            this.parent = parent;
        }

        @Override
        public SqlFragment comparison(AttributePath path, Operator operator, FilterValue value) {
            Attribute sub = sub(path);
            return SqlComparison.build("(e.v->>" + quote(sub.name()) + ")", kind(sub), sub.caseExact(), operator, value);
        }

        @Override
        public SqlFragment present(AttributePath path) {
            return SqlComparison.present("(e.v->" + quote(sub(path).name()) + ")");
        }

        @Override
        public SqlFragment valuePath(AttributePath path, Filter inner) {
            throw new FilterException("value filters cannot be nested");
        }

        private Attribute sub(AttributePath path) {
            if (path.schemaUrn() != null || path.names().size() != 1) {
                throw new FilterException("'" + path.dotted() + "' is not a sub-attribute of '" + parent.name() + "'");
            }
            return notSecret(parent.subAttribute(path.attribute()).orElseThrow(() ->
                    new FilterException("unknown sub-attribute '" + parent.name() + "." + path.attribute() + "'")), path);
        }
    }
}
