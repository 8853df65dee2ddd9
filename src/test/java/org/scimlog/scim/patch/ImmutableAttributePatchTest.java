package org.scimlog.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.scimlog.scim.patch.PatchTestSupport.assertPatchError;
import static org.scimlog.scim.patch.PatchTestSupport.json;
import static org.scimlog.scim.patch.PatchTestSupport.object;
import static org.scimlog.scim.patch.PatchTestSupport.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scimlog.schema.Attribute;
import org.scimlog.schema.AttributeType;
import org.scimlog.schema.Mutability;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.Schema;
import org.scimlog.scim.error.ScimType;

/** RFC 7644 §3.5.2: an immutable attribute may be given a value once, and never changed after. */
class ImmutableAttributePatchTest {

    private static final String DEVICE = "urn:example:scim:schemas:Device";

    private final PatchApplier applier = new PatchApplier(deviceType());

    private static ResourceType deviceType() {
        Schema device = new Schema(DEVICE, "Device", "Device", List.of(
                Attribute.named("serial", AttributeType.STRING).mutability(Mutability.IMMUTABLE).build(),
                Attribute.named("sensors", AttributeType.COMPLEX).multiValued().subAttributes(
                        Attribute.named("value", AttributeType.STRING).mutability(Mutability.IMMUTABLE).build(),
                        Attribute.named("label", AttributeType.STRING).build()).build(),
                Attribute.named("installedAt", AttributeType.DATE_TIME).build(),
                Attribute.named("weight", AttributeType.DECIMAL).build(),
                Attribute.named("ports", AttributeType.INTEGER).build()));
        return new ResourceType("Device", "Device", "/Devices", "Device", device, List.of());
    }

    private static ObjectNode device() {
        return object("{\"schemas\":[\"" + DEVICE + "\"],\"id\":\"d1\",\"sensors\":[{\"value\":\"s1\"}]}");
    }

    @Test
    void immutableAttributeCanBeSetOnce() {
        ObjectNode patched = applier.apply(device(), operations("[{\"op\":\"add\",\"path\":\"serial\",\"value\":\"SN-1\"}]"));

        assertEquals("SN-1", patched.get("serial").asText());
    }

    @Test
    void immutableAttributeWithAValueCannotChangeOrGo() {
        ObjectNode serialised = applier.apply(device(), operations("[{\"op\":\"add\",\"path\":\"serial\",\"value\":\"SN-1\"}]"));

        assertPatchError(ScimType.MUTABILITY, () -> applier.apply(serialised,
                operations("[{\"op\":\"replace\",\"path\":\"serial\",\"value\":\"SN-2\"}]")), "'serial' is immutable");
        assertPatchError(ScimType.MUTABILITY, () -> applier.apply(serialised,
                operations("[{\"op\":\"remove\",\"path\":\"serial\"}]")), "'serial' is immutable");
        assertEquals(serialised, applier.apply(serialised,
                operations("[{\"op\":\"replace\",\"path\":\"serial\",\"value\":\"SN-1\"}]")), "an unchanged value is no change");
    }

    @Test
    void immutableSubAttributeCannotChange() {
        assertPatchError(ScimType.MUTABILITY, () -> applier.apply(device(), operations(
                "[{\"op\":\"replace\",\"path\":\"sensors[value eq \\\"s1\\\"].value\",\"value\":\"s2\"}]")), "'sensors.value'");
        ObjectNode labelled = applier.apply(device(), operations(
                "[{\"op\":\"add\",\"path\":\"sensors[value eq \\\"s1\\\"].label\",\"value\":\"temp\"}]"));
        assertEquals(json("[{\"value\":\"s1\",\"label\":\"temp\"}]"), labelled.get("sensors"));
    }

    @Test
    void dateTimesAndNumbersAreChecked() {
        ObjectNode patched = applier.apply(device(), operations("[{\"op\":\"add\",\"value\":"
                + "{\"installedAt\":\"2024-05-01T12:00:00Z\",\"weight\":1.5,\"ports\":4.0}}]"));
        assertEquals(4, patched.get("ports").intValue());

        assertPatchError(ScimType.INVALID_VALUE, () -> applier.apply(device(),
                operations("[{\"op\":\"add\",\"path\":\"installedAt\",\"value\":\"yesterday\"}]")), "ISO-8601");
        assertPatchError(ScimType.INVALID_VALUE, () -> applier.apply(device(),
                operations("[{\"op\":\"add\",\"path\":\"installedAt\",\"value\":\"2024-05-01\"}]")), "ISO-8601");
        assertPatchError(ScimType.INVALID_VALUE, () -> applier.apply(device(),
                operations("[{\"op\":\"add\",\"path\":\"ports\",\"value\":4.5}]")), "'ports' must be an integer");
        assertPatchError(ScimType.INVALID_VALUE, () -> applier.apply(device(),
                operations("[{\"op\":\"add\",\"path\":\"weight\",\"value\":\"1.5\"}]")), "'weight' must be a number");
    }
}
