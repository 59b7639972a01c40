package dev.anonymizer.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.detection.PersonalDataFinder.DetectorKind;

/** The step times keep the names and the order the replies, audit records and metrics have always had. */
class StepTimingsTest {

    @Test
    void stepsInOrderWithEachDetectorAfterDetect() throws Exception {
        Map<DetectorKind, Long> detectors = new LinkedHashMap<>();
        detectors.put(DetectorKind.TEXT, 7L);
        detectors.put(DetectorKind.OBJECTS, 5L);
        StepTimings core = StepTimings.ofCore(3, detectors, 2, 4);
        assertEquals(List.of("decode", "detect", "detect.objects", "detect.text", "censor", "encode"),
                List.copyOf(core.steps().keySet()));
        assertEquals(12L, core.steps().get("detect"));
        assertEquals(Map.of("objects", 5L, "text", 7L), core.detectorMillis());

        StepTimings stored = core.withFetch(1).withStore(9);
        assertEquals("{\"fetch\":1,\"decode\":3,\"detect\":12,\"detect.objects\":5,\"detect.text\":7,\"censor\":2,"
                + "\"encode\":4,\"store\":9}", new ObjectMapper().writeValueAsString(stored));
        assertEquals(List.of("decode", "detect", "censor", "encode"),
                List.copyOf(StepTimings.ofCore(3, Map.of(), 2, 4).steps().keySet()));
    }
}
