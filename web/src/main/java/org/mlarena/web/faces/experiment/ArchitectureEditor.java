package org.mlarena.web.faces.experiment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.mlarena.experiment.boundary.ArchitectureService;
import org.mlarena.experiment.entity.TeamArchitecture;
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.web.faces.BoundaryCall;
import org.mlarena.web.faces.usecase.UseCaseView;

/**
 * The architecture editor of the Training tab: the JSON of model {@value ModelZoo#ARCHITECTURE} in the training form,
 * checked on the use case's data as it is typed (each layer's shape, parameters and FLOPs, or every problem), started
 * from a template or a saved architecture, and saved for the team under a name.
 */
@Named
@ViewScoped
public class ArchitectureEditor implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String TEMPLATE = "template:";
    private static final String SAVED = "saved:";

    /** An entry of the "start from" menu. */
    public record Option(String value, String label) implements Serializable {
    }

    @Inject
    UseCaseView page;

    @Inject
    ArchitectureService architectures;

    private ArchitectureService.Preview preview;
    private String startFrom;
    private String name;

    /** Templates of the use case's category, then the team's saved architectures. */
    public List<Option> getStartOptions() {
        List<Option> options = new ArrayList<>();
        ModelZoo.templates(ModelZoo.Category.valueOf(page.getUseCase().category()))
                .forEach(t -> options.add(new Option(TEMPLATE + t.id(), "Template: " + t.name())));
        BoundaryCall.call(() -> architectures.list(page.getSlug()), null).ifPresent(saved -> saved
                .forEach(a -> options.add(new Option(SAVED + a.getId(), "Saved: " + a.getName() + " (" + a.getTeam().getName() + ")"))));
        return options;
    }

    /** Puts the chosen template's or saved architecture's JSON into the form and checks it. */
    public void startChosen() {
        TrainingForm form = page.getTrainingForm();
        if (form == null || startFrom == null) {
            return;
        }
        if (startFrom.startsWith(TEMPLATE)) {
            String id = startFrom.substring(TEMPLATE.length());
            ModelZoo.TEMPLATES.stream().filter(t -> t.id().equals(id)).findFirst().ifPresent(t -> form.setArchitecture(t.json()));
        } else if (startFrom.startsWith(SAVED)) {
            try {
                long id = Long.parseLong(startFrom.substring(SAVED.length()));
                BoundaryCall.call(() -> architectures.find(page.getSlug(), id), null).ifPresent(a -> {
                    form.setArchitecture(a.getText());
                    name = a.getName();
                });
            } catch (NumberFormatException e) {
                BoundaryCall.add(null, FacesMessage.SEVERITY_WARN, "Choose an architecture from the menu.", null);
            }
        }
        validate();
    }

    /** Checks the form's architecture on the use case's data. */
    public void validate() {
        TrainingForm form = page.getTrainingForm();
        if (form == null) {
            return;
        }
        preview = BoundaryCall.call(() -> architectures.preview(page.getSlug(), form.getArchitecture()), null).orElse(null);
    }

    /** Saves the form's architecture for the team under {@link #getName()}. */
    public void save() {
        TrainingForm form = page.getTrainingForm();
        if (form == null) {
            return;
        }
        BoundaryCall.callForm(() -> architectures.create(page.getSlug(), name, form.getArchitecture()),
                field -> "name".equals(field) ? "trainingStart:architecture-name" : "trainingStart:architecture")
                .ifPresent((TeamArchitecture saved) -> BoundaryCall.add(null, FacesMessage.SEVERITY_INFO,
                        "Architecture '" + saved.getName() + "' is saved for your team.", "Start it from the menu, or train it with this form."));
        validate();
    }

    public ArchitectureService.Preview getPreview() {
        return preview;
    }

    public String getStartFrom() {
        return startFrom;
    }

    public void setStartFrom(String startFrom) {
        this.startFrom = startFrom;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
