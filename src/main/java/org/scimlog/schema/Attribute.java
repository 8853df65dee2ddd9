package org.scimlog.schema;

import java.util.List;
import java.util.Optional;

/** One attribute definition of a SCIM schema (RFC 7643 §7). Names are matched case-insensitively. */
public record Attribute(
        String name,
        AttributeType type,
        boolean multiValued,
        String description,
        boolean required,
        boolean caseExact,
        Mutability mutability,
        Returned returned,
        Uniqueness uniqueness,
        List<Attribute> subAttributes,
        List<String> canonicalValues,
        List<String> referenceTypes) {

    public Attribute {
        subAttributes = List.copyOf(subAttributes);
        canonicalValues = List.copyOf(canonicalValues);
        referenceTypes = List.copyOf(referenceTypes);
    }

    public Optional<Attribute> subAttribute(String subName) {
        return subAttributes.stream().filter(a -> a.name.equalsIgnoreCase(subName)).findFirst();
    }

    /**
     * A secret (the password, or an extension attribute declared writeOnly or returned never): its values are
     * never shown, quoted in an error, recorded in the log, nor filtered or sorted on (RFC 7643 §7: such an
     * attribute is not returned, so a filter on it would disclose it one comparison at a time).
     */
    public boolean isSecret() {
        return mutability == Mutability.WRITE_ONLY || returned == Returned.NEVER;
    }

    public boolean isComplex() {
        return type == AttributeType.COMPLEX;
    }

    public static Builder named(String name, AttributeType type) {
        return new Builder(name, type);
    }

    /** Keeps schema declarations readable: only what differs from RFC 7643 §2.2's defaults is spelled out. */
    public static final class Builder {
        private final String name;
        private final AttributeType type;
        private boolean multiValued;
        private String description = "";
        private boolean required;
        private boolean caseExact;
        private Mutability mutability = Mutability.READ_WRITE;
        private Returned returned = Returned.DEFAULT;
        private Uniqueness uniqueness = Uniqueness.NONE;
        private List<Attribute> subAttributes = List.of();
        private List<String> canonicalValues = List.of();
        private List<String> referenceTypes = List.of();

        private Builder(String name, AttributeType type) {
            this.name = name;
            this.type = type;
        }

        public Builder multiValued() {
            this.multiValued = true;
            return this;
        }

        public Builder multiValued(boolean value) {
            this.multiValued = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder required() {
            return required(true);
        }

        public Builder required(boolean value) {
            this.required = value;
            return this;
        }

        public Builder caseExact() {
            return caseExact(true);
        }

        public Builder caseExact(boolean value) {
            this.caseExact = value;
            return this;
        }

        public Builder mutability(Mutability value) {
            this.mutability = value;
            return this;
        }

        public Builder returned(Returned value) {
            this.returned = value;
            return this;
        }

        public Builder uniqueness(Uniqueness value) {
            this.uniqueness = value;
            return this;
        }

        public Builder subAttributes(Attribute... values) {
            return subAttributes(List.of(values));
        }

        public Builder subAttributes(List<Attribute> values) {
            this.subAttributes = values;
            return this;
        }

        public Builder canonicalValues(String... values) {
            return canonicalValues(List.of(values));
        }

        public Builder canonicalValues(List<String> values) {
            this.canonicalValues = values;
            return this;
        }

        public Builder referenceTypes(String... values) {
            return referenceTypes(List.of(values));
        }

        public Builder referenceTypes(List<String> values) {
            this.referenceTypes = values;
            return this;
        }

        public Attribute build() {
            return new Attribute(name, type, multiValued, description, required, caseExact, mutability,
                    returned, uniqueness, subAttributes, canonicalValues, referenceTypes);
        }
    }
}
