package org.mlarena.web.rest.model;

import java.util.List;
import java.util.Map;

import org.mlarena.numerics.nn.ModelZoo;

/**
 * A model of the zoo.
 *
 * @param id              what an experiment names in {@code model}
 * @param categories      the use case categories it applies to
 * @param hyperparameters its own hyperparameters with their defaults, as text (empty when it has none)
 * @param learningRate    the learning rate an experiment gets when it leaves it open
 * @param weightDecay     the weight decay an experiment gets when it leaves it open (with Adam)
 * @param onTables        how it trains on a table by default: STEP_BUDGET (Adam for about 2,000 steps), SCIKIT_LEARN_MLP
 *                        (Adam on batches of up to 200 rows for 200 epochs) or SCIKIT_LEARN_OBJECTIVE (L-BFGS to the
 *                        minimum of scikit-learn's regularised loss, up to 100 iterations)
 */
public record ModelView(String id, String name, String description, List<String> categories, Map<String, String> hyperparameters,
                        double learningRate, double weightDecay, String onTables) {

    static ModelView of(ModelZoo.Model m) {
        return new ModelView(m.id(), m.name(), m.description(), m.categories().stream().map(Enum::name).toList(), m.defaults(),
                m.learningRate(), m.weightDecay(), m.onTables().name());
    }
}
