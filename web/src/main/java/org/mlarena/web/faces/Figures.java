package org.mlarena.web.faces;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** {@link Display}'s figures and names for the pages' expressions: {@code #{figures.flops(row.trainingFlops())}}. */
@Named("figures")
@ApplicationScoped
public class Figures {

    public String flops(Number operations) {
        return Display.flops(operations);
    }

    public String pflops(Number petaflops) {
        return Display.pflops(petaflops);
    }

    public String bytes(Number bytes) {
        return Display.bytes(bytes);
    }

    public String energy(Number joules) {
        return Display.energy(joules);
    }

    public String gco2e(Number grams) {
        return Display.gco2e(grams);
    }

    public String count(Number count) {
        return Display.count(count);
    }

    public String category(String name) {
        return Display.category(name);
    }

    public String status(String name) {
        return Display.status(name);
    }

    public String metric(String id) {
        return Display.metric(id);
    }

    public String setting(Number value) {
        return Display.setting(value);
    }

    public String score(Number value) {
        return Display.score(value);
    }
}
