package org.mlarena.web.rest.experiment;

import org.mlarena.web.rest.json.JsonText;

/**
 * Body of {@code POST .../architectures}, {@code PUT .../architectures/{id}} and {@code POST .../architectures/validation}.
 *
 * @param name         1 to 80 characters, unique in your team (not needed to validate; on update it stays as it is)
 * @param architecture the layers as a JSON object, e.g. {"layers": [{"type": "conv2d", "filters": 16, "kernel": 3,
 *                     "padding": 1}, {"type": "relu"}, {"type": "globalavgpool"}]}; the output layer is added after them
 */
public record ArchitectureRequest(String name, JsonText architecture) {

    String text() {
        return architecture == null ? null : architecture.text();
    }
}
