package org.scimlog.schema;

import static org.scimlog.schema.Attribute.named;
import static org.scimlog.schema.AttributeType.BINARY;
import static org.scimlog.schema.AttributeType.BOOLEAN;
import static org.scimlog.schema.AttributeType.COMPLEX;
import static org.scimlog.schema.AttributeType.REFERENCE;
import static org.scimlog.schema.AttributeType.STRING;

import java.util.ArrayList;
import java.util.List;

/** The schemas RFC 7643 defines: core User (§4.1, §8.7.1), core Group (§4.2, §8.7.1) and the Enterprise User extension (§4.3). */
public final class CoreSchemas {

    public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private CoreSchemas() {
    }

    public static Schema user() {
        List<Attribute> attributes = new ArrayList<>();
        attributes.add(named("userName", STRING).required().uniqueness(Uniqueness.SERVER)
                .description("Unique identifier for the User, typically used by the user to directly authenticate.")
                .build());
        attributes.add(named("name", COMPLEX).description("The components of the user's real name.")
                .subAttributes(
                        simple("formatted", "The full name, formatted for display."),
                        simple("familyName", "The family name of the User."),
                        simple("givenName", "The given name of the User."),
                        simple("middleName", "The middle name(s) of the User."),
                        simple("honorificPrefix", "The honorific prefix(es) of the User."),
                        simple("honorificSuffix", "The honorific suffix(es) of the User."))
                .build());
        attributes.add(simple("displayName", "The name of the User, suitable for display to end-users."));
        attributes.add(simple("nickName", "The casual way to address the user."));
        attributes.add(named("profileUrl", REFERENCE).referenceTypes("external")
                .description("A fully qualified URL pointing to a page representing the User's online profile.")
                .build());
        attributes.add(simple("title", "The user's title, such as \"Vice President\"."));
        attributes.add(simple("userType", "Used to identify the relationship between the organization and the user."));
        attributes.add(simple("preferredLanguage", "The User's preferred written or spoken language."));
        attributes.add(simple("locale", "The User's default location for localizing items."));
        attributes.add(simple("timezone", "The User's time zone in the 'Olson' time zone database format."));
        attributes.add(named("active", BOOLEAN).description("The User's administrative status.").build());
        attributes.add(named("password", STRING).mutability(Mutability.WRITE_ONLY).returned(Returned.NEVER)
                .description("The User's cleartext password; write-only, never returned, never stored in clear.")
                .build());
        attributes.add(multiValuedWithType("emails", "Email addresses for the user.", STRING,
                "work", "home", "other"));
        attributes.add(multiValuedWithType("phoneNumbers", "Phone numbers for the User.", STRING,
                "work", "home", "mobile", "fax", "pager", "other"));
        attributes.add(multiValuedWithType("ims", "Instant messaging addresses for the User.", STRING,
                "aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"));
        attributes.add(multiValuedWithType("photos", "URLs of photos of the User.", REFERENCE,
                "photo", "thumbnail"));
        attributes.add(named("addresses", COMPLEX).multiValued().description("A physical mailing address for this User.")
                .subAttributes(
                        simple("formatted", "The full mailing address, formatted for display."),
                        simple("streetAddress", "The full street address component."),
                        simple("locality", "The city or locality component."),
                        simple("region", "The state or region component."),
                        simple("postalCode", "The zip code or postal code component."),
                        simple("country", "The country name component."),
                        named("type", STRING).canonicalValues("work", "home", "other")
                                .description("A label indicating the attribute's function.").build(),
                        named("primary", BOOLEAN).description("Indicates the primary mailing address.").build())
                .build());
        attributes.add(named("groups", COMPLEX).multiValued().mutability(Mutability.READ_ONLY)
                .description("A list of groups to which the user belongs, either direct or indirect.")
                .subAttributes(
                        named("value", STRING).mutability(Mutability.READ_ONLY)
                                .description("The identifier of the User's group.").build(),
                        named("$ref", REFERENCE).referenceTypes("User", "Group").mutability(Mutability.READ_ONLY)
                                .description("The URI of the corresponding 'Group' resource.").build(),
                        named("display", STRING).mutability(Mutability.READ_ONLY)
                                .description("A human-readable name, primarily used for display purposes.").build(),
                        named("type", STRING).canonicalValues("direct", "indirect").mutability(Mutability.READ_ONLY)
                                .description("A label indicating the attribute's function.").build())
                .build());
        attributes.add(multiValuedWithType("entitlements", "A list of entitlements for the User.", STRING));
        attributes.add(multiValuedWithType("roles", "A list of roles for the User.", STRING));
        attributes.add(multiValuedWithType("x509Certificates", "A list of certificates issued to the User.", BINARY));
        return new Schema(USER, "User", "User Account", attributes);
    }

    public static Schema group() {
        return new Schema(GROUP, "Group", "Group", List.of(
                named("displayName", STRING).required().uniqueness(Uniqueness.SERVER)
                        .description("A human-readable name for the Group, unique within the tenant (case-insensitively).")
                        .build(),
                named("members", COMPLEX).multiValued().description("A list of members of the Group.")
                        .subAttributes(
                                // ids are UUIDs this server issued, so matching them is exact
                                named("value", STRING).caseExact().mutability(Mutability.IMMUTABLE)
                                        .description("Identifier of the member of this Group.").build(),
                                named("display", STRING)
                                        .description("A human-readable name, primarily used for display purposes.").build(),
                                named("$ref", REFERENCE).referenceTypes("User", "Group").mutability(Mutability.IMMUTABLE)
                                        .description("The URI corresponding to a SCIM resource that is a member of this Group.")
                                        .build(),
                                named("type", STRING).canonicalValues("User", "Group").mutability(Mutability.IMMUTABLE)
                                        .description("A label indicating the type of resource, e.g., 'User' or 'Group'.")
                                        .build())
                        .build()));
    }

    public static Schema enterpriseUser() {
        return new Schema(ENTERPRISE_USER, "EnterpriseUser", "Enterprise User", List.of(
                simple("employeeNumber", "Numeric or alphanumeric identifier assigned to a person."),
                simple("costCenter", "Identifies the name of a cost center."),
                simple("organization", "Identifies the name of an organization."),
                simple("division", "Identifies the name of a division."),
                simple("department", "Identifies the name of a department."),
                named("manager", COMPLEX).description("The User's manager.")
                        .subAttributes(
                                named("value", STRING).description("The id of the SCIM resource representing the User's manager.").build(),
                                named("$ref", REFERENCE).referenceTypes("User")
                                        .description("The URI of the SCIM resource representing the User's manager.").build(),
                                named("displayName", STRING).mutability(Mutability.READ_ONLY)
                                        .description("The displayName of the User's manager.").build())
                        .build()));
    }

    private static Attribute simple(String name, String description) {
        return named(name, STRING).description(description).build();
    }

    /** The value/display/type/primary shape RFC 7643 §2.4 gives most multi-valued attributes. */
    private static Attribute multiValuedWithType(String name, String description, AttributeType valueType,
                                                 String... canonicalTypes) {
        return named(name, COMPLEX).multiValued().description(description)
                .subAttributes(
                        named("value", valueType).description("The attribute's significant value.").build(),
                        named("display", STRING).description("A human-readable name, primarily used for display purposes.").build(),
                        named("type", STRING).canonicalValues(canonicalTypes)
                                .description("A label indicating the attribute's function.").build(),
                        named("primary", BOOLEAN).description("Indicates the 'primary' or preferred attribute value.").build())
                .build();
    }
}
