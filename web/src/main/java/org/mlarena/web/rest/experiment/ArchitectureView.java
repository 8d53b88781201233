package org.mlarena.web.rest.experiment;

import java.time.Instant;

import jakarta.json.JsonValue;

import org.mlarena.experiment.entity.TeamArchitecture;

/**
 * An architecture a team saved, with the figures it compiled to on the use case's data.
 *
 * @param parameters              trainable parameters, the output layer included
 * @param bytes                   size of the weights and running statistics (fp32)
 * @param inferenceFlopsPerSample floating-point operations to predict one sample
 */
public record ArchitectureView(long id, String name, long teamId, String teamName, JsonValue architecture, int parameters, long bytes,
                               long inferenceFlopsPerSample, String createdBy, Instant createdAt, String updatedBy, Instant updatedAt,
                               long version) {

    static ArchitectureView of(TeamArchitecture a) {
        return new ArchitectureView(a.getId(), a.getName(), a.getTeam().getId(), a.getTeam().getName(), ArchitectureJson.of(a.getText()),
                a.getParameters(), a.getBytes(), a.getInferenceFlopsPerSample(), a.getCreatedBy(), a.getCreatedAt(), a.getUpdatedBy(),
                a.getUpdatedAt(), a.getVersion());
    }
}
