package org.scimlog.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A declaration that cannot be served stops start-up with a message that names the problem. */
class DeclaredSchemasTest {

    private static final String DEVICE = "urn:example:params:scim:schemas:core:2.0:Device";
    private static final String SCHEMA = """
            {"id": "%s", "name": "Device", "attributes": [{"name": "serialNumber", "type": "string"}]}""".formatted(DEVICE);

    @Test
    void aDeclaredTypeIsRegisteredWithItsSchemaAndExtensions() throws IOException {
        SchemaRegistry registry = registry("""
                [{"id": "Device", "endpoint": "/Devices", "schema": "%s"}, %s,
                 {"id": "urn:example:ext:Device", "name": "More", "resourceType": "Device", "required": true,
                  "attributes": [{"name": "owner", "type": "string"}]},
                 {"id": "urn:example:ext:Group", "name": "GroupMore", "resourceType": "group",
                  "attributes": [{"name": "owner", "type": "string"}]}]""".formatted(DEVICE, SCHEMA));
        ResourceType device = registry.resourceType("Device").orElseThrow();
        assertEquals("/Devices", device.endpoint());
        assertEquals(DEVICE, device.schema().id());
        assertTrue(device.extension("urn:example:ext:Device").orElseThrow().required());
        assertTrue(registry.group().extension("urn:example:ext:Group").isPresent());
        assertEquals(1, registry.declaredTypes().size());
        assertEquals(2, registry.user().extensions().size() + registry.group().extensions().size());
    }

    @Test
    void badDeclarationsAreRefusedByName() {
        assertRefused("is reserved", "[{\"id\": \"Device\", \"endpoint\": \"/Groups\", \"schema\": \"%s\"}, %s]");
        assertRefused("is reserved", "[{\"id\": \"Device\", \"endpoint\": \"/Schemas\", \"schema\": \"%s\"}, %s]");
        assertRefused("which the file does not declare", "[{\"id\": \"Device\", \"endpoint\": \"/Devices\", \"schema\": \"%s:nope\"}, %s]");
        assertRefused("must be '/' and a name", "[{\"id\": \"Device\", \"endpoint\": \"/a/b\", \"schema\": \"%s\"}, %s]");
        assertRefused("is built in", "[{\"id\": \"User\", \"endpoint\": \"/People\", \"schema\": \"%s\"}, %s]");
        assertRefused("declared twice", "[{\"id\": \"Device\", \"endpoint\": \"/Devices\", \"schema\": \"%s\"}, %s,"
                + " {\"id\": \"Device\", \"endpoint\": \"/Things\", \"schema\": \"" + DEVICE + "\"}]");
        assertRefused("is not served", "[" + SCHEMA.replace("\"name\": \"Device\"", "\"name\": \"Device\", \"resourceType\": \"Gadget\"") + "]");
    }

    private static void assertRefused(String problem, String template) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> registry(template.formatted(DEVICE, SCHEMA)));
        assertTrue(e.getMessage().contains(problem), e::getMessage);
    }

    private static SchemaRegistry registry(String json) throws IOException {
        Path file = Files.createTempFile("declared", ".json");
        Files.writeString(file, json);
        return new SchemaRegistry(file.toString());
    }
}
