package dev.anonymizer.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A reference is checked where it is made; the names as given survive in an {@link ObjectName}. */
class ObjectRefTest {

    @Test
    void aNameNoStoreMayHoldCannotBecomeAReference() {
        assertTrue(assertThrows(InvalidObjectNameException.class, () -> ObjectRef.of("photos", "../../etc/hostname"))
                .getMessage().contains("'..' segment"));
        assertThrows(InvalidObjectNameException.class, () -> ObjectRef.of("..", "a.jpg"));
        assertThrows(InvalidObjectNameException.class, () -> ObjectRef.of("photos", "/etc/passwd"));
        assertThrows(InvalidObjectNameException.class, () -> ObjectRef.of("photos", "a\u0000b.jpg"));
        assertThrows(InvalidObjectNameException.class, () -> ObjectRef.of("photos", " "));
        ObjectRef ok = ObjectRef.of("photos", "cars/a b.jpg");
        assertThrows(InvalidObjectNameException.class, () -> new ObjectRef("photos/x", ok.key(), null));
    }

    @Test
    void namesAreCheckedWhenTheyBecomeAReferenceAndKeptAsGiven() {
        ObjectName bad = new ObjectName("photos", "cars/../../x.jpg", "e1");
        assertThrows(InvalidObjectNameException.class, bad::ref);
        assertEquals("photos/cars/../../x.jpg", bad.toString());
        ObjectRef ref = new ObjectName("photos", "cars/a.jpg", null).ref();
        assertEquals(new ObjectRef("photos", "cars/a.jpg", "e2"), ref.withEtag("e2"));
        assertEquals(new ObjectName("photos", "cars/a.jpg", "e2"), ref.withEtag("e2").name());
    }
}
