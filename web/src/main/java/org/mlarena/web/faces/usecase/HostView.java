package org.mlarena.web.faces.usecase;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.mlarena.common.InvalidInputException;
import org.mlarena.common.ResourceNotFoundException;
import org.mlarena.common.StateConflictException;
import org.mlarena.dataset.boundary.DatasetService;
import org.mlarena.dataset.entity.Dataset;
import org.mlarena.evaluation.boundary.MetricService;
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.team.boundary.TeamService;
import org.mlarena.team.entity.Invitation;
import org.mlarena.team.entity.Membership;
import org.mlarena.team.boundary.UseCaseService;
import org.mlarena.team.control.Participation;
import org.mlarena.usecase.control.UseCaseEditor;
import org.mlarena.usecase.entity.UseCase;
import org.mlarena.web.faces.BoundaryCall;
import org.mlarena.web.faces.FieldErrors;
import org.mlarena.web.faces.dataset.DatasetImportForm;
import org.mlarena.web.faces.evaluation.MetricChoices;
import org.mlarena.web.faces.identity.CurrentUser;
import org.mlarena.web.faces.team.InvitationRow;
import org.primefaces.model.file.UploadedFile;

/**
 * The host page ({@code host.xhtml}): without a slug it creates a use case, with {@code ?slug=} its hosts edit it,
 * import its dataset, invite people, add co-hosts and close it. Each part calls its boundary; every refusal becomes a
 * message next to the input it concerns or on top of the page, and what the host typed stays in the form.
 */
@Named
@ViewScoped
public class HostView implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The boundary's field names and the inputs of the use-case form that hold them. */
    static final Map<String, String> USE_CASE_INPUTS = Map.ofEntries(Map.entry("slug", "useCaseForm:slug"), Map.entry("title", "useCaseForm:title"),
            Map.entry("visibility", "useCaseForm:visibility"), Map.entry("status", "useCaseForm:status"),
            Map.entry("category", "useCaseForm:category"), Map.entry("primaryMetric", "useCaseForm:metric"), Map.entry("goal", "useCaseForm:goal"),
            Map.entry("problemStatement", "useCaseForm:problem"), Map.entry("background", "useCaseForm:background"),
            Map.entry("dataSource", "useCaseForm:dataSource"), Map.entry("dataContext", "useCaseForm:dataContext"),
            Map.entry("labelling", "useCaseForm:labelling"),
            Map.entry("rules", "useCaseForm:rules"), Map.entry("opensAt", "useCaseForm:opens"), Map.entry("closesAt", "useCaseForm:closes"),
            Map.entry("selectionClosesAt", "useCaseForm:selectionCloses"), Map.entry("finalSubmissions", "useCaseForm:finalSubmissions"), Map.entry("maxParameters", "useCaseForm:maxParameters"),
            Map.entry("submissionsPerDay", "useCaseForm:perDay"), Map.entry("teamSizeLimit", "useCaseForm:teamSize"),
            Map.entry("computeBudgetPflops", "useCaseForm:budget"), Map.entry("publicFraction", "useCaseForm:publicFraction"));
    static final Map<String, String> IMPORT_INPUTS = Map.of("delimiter", "datasetForm:delimiter", "targetColumn", "datasetForm:target",
            "textColumn", "datasetForm:textColumn", "format", "datasetForm:format", "labelNames", "datasetForm:labelNames",
            "columnDescriptions", "datasetForm:columnDescriptions");

    /**
     * The imported dataset as the host page summarises it.
     *
     * @param profileStatus PENDING while the profile job runs, then READY or FAILED
     */
    public record DatasetSummary(String format, String targetColumn, String textColumn, int trainRows, int validationRows, int testRows,
                                 int features, List<String> classes, String imageShape, String sourceFiles, String importedBy, String importedAt,
                                 String profileStatus, String profileReason) implements Serializable {

        static DatasetSummary of(Dataset d) {
            return new DatasetSummary(d.getFormat().name(), d.getTargetColumn(), d.getTextColumn(), d.getTrainRows(), d.getValidationRows(),
                    d.getTestRows(), d.featureNameList().size(), List.copyOf(d.classNameList()),
                    d.getImageRows() > 0 ? d.getImageRows() + " × " + d.getImageColumns() + " pixels" : null, d.getSourceFiles(), d.getImportedBy(),
                    d.getImportedAt() == null ? "" : org.mlarena.web.faces.Display.utc(d.getImportedAt()), d.getProfileStatus(), d.getProfileReason());
        }

        public boolean pending() {
            return Dataset.PROFILE_PENDING.equals(profileStatus);
        }

        public String classesText() {
            return classes.isEmpty() ? "none (regression)" : classes.size() + ": " + String.join(", ", classes);
        }
    }

    @Inject
    UseCaseService useCases;
    @Inject
    DatasetService datasets;
    @Inject
    MetricService metrics;
    @Inject
    TeamService teams;
    @Inject
    CurrentUser currentUser;

    private String slug;
    private final org.mlarena.web.faces.team.InviteForm inviteForm = new org.mlarena.web.faces.team.InviteForm("invitationsForm");
    /** An existing use case is shown (else: a new one is being created). */
    private boolean editing;
    /** The caller may use this page: a host of the use case, or a platform host creating one. */
    private boolean allowed;
    private String savedTitle;
    private String savedStatus;
    private String savedVisibility;
    private UseCaseForm form = new UseCaseForm();
    private boolean conflict;
    private transient MetricChoices choices;
    private String choicesCategory;

    private List<String> hosts = List.of();
    private String newHost;

    private final DatasetImportForm datasetImport = new DatasetImportForm();
    private DatasetSummary dataset;
    private List<String> importProblems = List.of();
    private transient UploadedFile tableFile;
    private transient UploadedFile imagesFile;
    private transient UploadedFile labelsFile;

    private List<InvitationRow> invitations = List.of();

    /** The view action: a new use case, or the one named by {@code slug} when the caller hosts it. */
    public void load() {
        if (slug == null || slug.isBlank()) {
            allowed = currentUser.isHost();
            if (!allowed) {
                BoundaryCall.add(null, FacesMessage.SEVERITY_WARN, "Creating a use case needs the role host.",
                        "Ask the platform's operators for it; hosts of a use case can also add you as co-host of theirs.");
            }
            return;
        }
        editing = true;
        Participation participation;
        try {
            participation = useCases.find(slug);
        } catch (ResourceNotFoundException e) {
            BoundaryCall.add(null, FacesMessage.SEVERITY_WARN, "No such use case.", e.getMessage());
            return;
        } catch (RuntimeException e) {
            BoundaryCall.show(e, null);
            return;
        }
        if (!participation.isHost()) {
            savedTitle = participation.useCase().getTitle();
            BoundaryCall.add(null, FacesMessage.SEVERITY_WARN, "You do not host '" + slug + "'; only its hosts change it.",
                    "Its page shows everything you may see of it.");
            return;
        }
        allowed = true;
        show(participation.useCase());
        readHosts();
        readDataset();
        readInvitations();
    }

    private void show(UseCase useCase) {
        savedTitle = useCase.getTitle();
        savedStatus = useCase.getStatus().name();
        savedVisibility = useCase.getVisibility().name();
        form = UseCaseForm.of(useCase, metricChoices(useCase.getCategory() == null ? null : useCase.getCategory().name()));
        conflict = false;
    }

    // --- the use case ---

    /** Creates the use case and opens its host page, or saves the changes with the version read. */
    public String save() {
        if (!allowed) {
            return null;
        }
        MetricChoices metricsOfCategory = metricChoices(form.getCategory());
        if (!editing) {
            try {
                UseCase created = useCases.create(form.draft(true, metricsOfCategory));
                FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
                BoundaryCall.add(null, FacesMessage.SEVERITY_INFO, "Use case '" + created.getTitle() + "' created as a private draft.",
                        "Import its dataset below, then set its status to active to open it.");
                return "/host?faces-redirect=true&slug=" + created.getSlug();
            } catch (InvalidInputException e) {
                FieldErrors.show(e, USE_CASE_INPUTS, null);
            } catch (StateConflictException e) {
                // the one conflict of a creation: the slug is taken
                BoundaryCall.add(USE_CASE_INPUTS.get("slug"), FacesMessage.SEVERITY_ERROR, e.getMessage(), null);
            } catch (RuntimeException e) {
                BoundaryCall.show(e, null);
            }
            return null;
        }
        try {
            useCases.update(slug, form.draft(false, metricsOfCategory), form.getVersion());
            show(useCases.find(slug).useCase());
            BoundaryCall.add(null, FacesMessage.SEVERITY_INFO, "Saved.", null);
        } catch (InvalidInputException e) {
            FieldErrors.show(e, USE_CASE_INPUTS, null);
        } catch (StateConflictException e) {
            conflict = true;
            BoundaryCall.add(null, FacesMessage.SEVERITY_WARN, "Not saved: another host changed this use case since you opened it.",
                    e.getMessage() + " Your input is still in the form; note what you changed, load the current version, and repeat it.");
        } catch (RuntimeException e) {
            BoundaryCall.show(e, null);
        }
        return null;
    }

    /** Discards the form's input and shows the use case as it is stored now (after a conflict). */
    public void reload() {
        BoundaryCall.call(() -> useCases.find(slug).useCase(), null).ifPresent(u -> {
            show(u);
            BoundaryCall.add(null, FacesMessage.SEVERITY_INFO, "The form shows the current version now.", null);
        });
    }

    /** Closes the use case: nobody joins or submits any more, and the leaderboard ranks by the private part of the test set. */
    public void close() {
        try {
            useCases.update(slug, UseCaseForm.status("CLOSED"), form.getVersion());
            UseCase closed = useCases.find(slug).useCase();
            // keep what else the host typed; only the status and the version are the stored ones now
            savedStatus = closed.getStatus().name();
            form.stored(closed.getVersion(), savedStatus);
            BoundaryCall.add(null, FacesMessage.SEVERITY_INFO, "'" + savedTitle + "' is closed.",
                    "The leaderboard now ranks by the private part of the test set; nobody joins or submits any more.");
        } catch (StateConflictException e) {
            conflict = true;
            BoundaryCall.add(null, FacesMessage.SEVERITY_WARN, "Not closed: another host changed this use case since you opened it.",
                    e.getMessage());
        } catch (InvalidInputException e) {
            FieldErrors.show(e, USE_CASE_INPUTS, null);
        } catch (RuntimeException e) {
            BoundaryCall.show(e, null);
        }
    }

    /** The category changed: offer its metrics, and forget a metric that does not fit it. */
    public void categoryChanged() {
        MetricChoices fitting = metricChoices(form.getCategory());
        if (fitting.families().stream().noneMatch(f -> f.key().equals(form.getMetric()))) {
            form.setMetric(null);
            form.setAveraging(null);
        }
    }

    /** The metric changed: pick its first averaging when it has some and none of them is chosen. */
    public void metricChanged() {
        MetricChoices.Family family = getMetricFamily();
        if (family != null && family.averaged() && (form.getAveraging() == null || !family.averages().contains(form.getAveraging()))) {
            form.setAveraging(family.averages().get(0));
        }
    }

    public List<MetricChoices.Family> getMetricFamilies() {
        return metricChoices(form.getCategory()).families();
    }

    /** The chosen metric's family, or null. */
    public MetricChoices.Family getMetricFamily() {
        return metricChoices(form.getCategory()).families().stream().filter(f -> f.key().equals(form.getMetric())).findFirst().orElse(null);
    }

    /** The scalar metrics that fit a category (all of them when none is chosen yet). */
    private MetricChoices metricChoices(String category) {
        if (choices == null || !Objects.equals(category, choicesCategory)) {
            ModelZoo.Category chosen = Arrays.stream(ModelZoo.Category.values()).filter(c -> c.name().equals(category)).findFirst().orElse(null);
            choices = MetricChoices.of(metrics.metrics(null).stream().filter(m -> chosen == null || UseCaseEditor.fits(m, chosen)).toList());
            choicesCategory = category;
        }
        return choices;
    }

    public List<String> getCategories() {
        return Arrays.stream(ModelZoo.Category.values()).map(Enum::name).toList();
    }

    /** The statuses the form offers; closing has its own button and confirmation, so CLOSED only to keep it closed. */
    public List<String> getStatuses() {
        return "CLOSED".equals(savedStatus) ? List.of("ACTIVE", "CLOSED") : List.of("DRAFT", "ACTIVE");
    }

    // --- hosts ---

    private void readHosts() {
        hosts = BoundaryCall.call(() -> useCases.hosts(slug).stream().map(Membership::getUsername).toList(), null).orElse(List.of());
    }

    public void addHost() {
        if (BoundaryCall.run(() -> useCases.addHost(slug, newHost), "hostsForm:new-host")) {
            BoundaryCall.add(null, FacesMessage.SEVERITY_INFO, newHost.strip() + " hosts '" + savedTitle + "' now.", null);
            newHost = null;
        }
        readHosts();
    }

    /** Removes a co-host (the boundary keeps the last one). */
    public void removeHost(String user) {
        if (BoundaryCall.run(() -> useCases.removeHost(slug, user), null)) {
            BoundaryCall.add(null, FacesMessage.SEVERITY_INFO, user + " no longer hosts '" + savedTitle + "'.", null);
        }
        readHosts();
    }

    // --- the dataset ---

    private void readDataset() {
        try {
            dataset = DatasetSummary.of(datasets.dataset(slug).dataset());
        } catch (ResourceNotFoundException e) {
            dataset = null;
        } catch (RuntimeException e) {
            BoundaryCall.show(e, null);
        }
    }

    /** The poll while the profile is computed. */
    public void refreshDataset() {
        readDataset();
    }

    /** Keeps the chosen files for the import. */
    public void upload() {
        List<String> stored = new ArrayList<>();
        for (String role : datasetImport.roles()) {
            UploadedFile file = fileOf(role);
            if (file == null || file.getFileName() == null || file.getFileName().isBlank()) {
                continue;
            }
            boolean done = BoundaryCall.run(() -> {
                try (InputStream in = file.getInputStream()) {
                    datasetImport.uploaded(role, datasets.upload(in, file.getFileName(), file.getContentType()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "datasetForm:" + role + "-file");
            if (done) {
                stored.add(file.getFileName());
            }
        }
        tableFile = null;
        imagesFile = null;
        labelsFile = null;
        if (stored.isEmpty() && !FacesContext.getCurrentInstance().getMessages().hasNext()) {
            BoundaryCall.add("datasetForm:" + datasetImport.roles().get(0) + "-file", FacesMessage.SEVERITY_ERROR,
                    "Choose a file first, then upload it.", null);
        } else if (!stored.isEmpty()) {
            BoundaryCall.add(null, FacesMessage.SEVERITY_INFO, "Uploaded " + String.join(" and ", stored) + ".",
                    datasetImport.missing().isEmpty() ? "Check the settings and import." : "Upload the " + String.join(" and ", datasetImport.missing())
                            + " file as well.");
        }
    }

    /** Imports the dataset from the uploads; its problems are listed, with their line and column, in the import report. */
    public void importDataset() {
        importProblems = List.of();
        if (!datasetImport.missing().isEmpty()) {
            BoundaryCall.add("datasetForm:" + datasetImport.missing().get(0) + "-file", FacesMessage.SEVERITY_ERROR, "A " + datasetImport.getFormat()
                    + " import needs the " + String.join(" and ", datasetImport.missing()) + " file; choose it and upload it first.", null);
            return;
        }
        try {
            Dataset imported = datasets.importDataset(slug, datasetImport.request()).dataset();
            datasetImport.imported();
            dataset = DatasetSummary.of(imported);
            BoundaryCall.add(null, FacesMessage.SEVERITY_INFO, "Imported: " + imported.getTrainRows() + " training, " + imported.getValidationRows()
                    + " validation and " + imported.getTestRows() + " hidden test rows.", "Its profile is being computed.");
        } catch (InvalidInputException e) {
            List<String> problems = e.errors().stream().filter(f -> "files".equals(f.field())).map(InvalidInputException.FieldError::message).toList();
            if (!problems.isEmpty()) {
                importProblems = problems;
                BoundaryCall.add(null, FacesMessage.SEVERITY_ERROR, "The import was refused: the file has problems, listed under the import.",
                        "Nothing was changed. Correct the file, upload it again and import.");
            }
            List<InvalidInputException.FieldError> others = e.errors().stream().filter(f -> !"files".equals(f.field())).toList();
            if (e.errors().isEmpty()) {
                BoundaryCall.add(null, FacesMessage.SEVERITY_ERROR, e.getMessage(), null);
            } else if (!others.isEmpty()) {
                // "labelNames.3" is a line of the class names' box
                FieldErrors.show(new InvalidInputException(others), field -> IMPORT_INPUTS.get(field.split("\\.", 2)[0]), null);
            }
        } catch (RuntimeException e) {
            BoundaryCall.show(e, null);
        }
    }

    private UploadedFile fileOf(String role) {
        return switch (role) {
            case "images" -> imagesFile;
            case "labels" -> labelsFile;
            default -> tableFile;
        };
    }

    // --- invitations ---

    private void readInvitations() {
        invitations = BoundaryCall.call(() -> teams.invitationsOf(slug).stream().map(InvitationRow::of).toList(), null).orElse(List.of());
    }

    public void invite() {
        inviteForm.send((user, email) -> teams.invite(slug, user, email), "'" + savedTitle + "' with a team of their own");
        readInvitations();
    }

    public void revoke(long invitationId) {
        inviteForm.revoke(invitationId, id -> teams.revoke(slug, id));
        readInvitations();
    }

    // --- what the page reads ---

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public boolean isEditing() {
        return editing;
    }

    public boolean isAllowed() {
        return allowed;
    }

    public boolean isClosed() {
        return "CLOSED".equals(savedStatus);
    }

    public boolean isPrivateUseCase() {
        return "PRIVATE".equals(savedVisibility);
    }

    public String getSavedVisibilityLabel() {
        return savedVisibility == null ? "" : savedVisibility.toLowerCase(Locale.ROOT);
    }

    public boolean isConflict() {
        return conflict;
    }

    public String getSavedTitle() {
        return savedTitle;
    }

    public String getSavedStatus() {
        return savedStatus;
    }

    public UseCaseForm getForm() {
        return form;
    }

    public List<String> getHosts() {
        return hosts;
    }

    public String getNewHost() {
        return newHost;
    }

    public void setNewHost(String newHost) {
        this.newHost = newHost;
    }

    public DatasetImportForm getDatasetImport() {
        return datasetImport;
    }

    public DatasetSummary getDataset() {
        return dataset;
    }

    public boolean isProfilePending() {
        return dataset != null && dataset.pending();
    }

    public List<String> getImportProblems() {
        return importProblems;
    }

    public UploadedFile getTableFile() {
        return tableFile;
    }

    public void setTableFile(UploadedFile tableFile) {
        this.tableFile = tableFile;
    }

    public UploadedFile getImagesFile() {
        return imagesFile;
    }

    public void setImagesFile(UploadedFile imagesFile) {
        this.imagesFile = imagesFile;
    }

    public UploadedFile getLabelsFile() {
        return labelsFile;
    }

    public void setLabelsFile(UploadedFile labelsFile) {
        this.labelsFile = labelsFile;
    }

    public List<InvitationRow> getInvitations() {
        return invitations;
    }

    public org.mlarena.web.faces.team.InviteForm getInviteForm() {
        return inviteForm;
    }
}
