package org.mlarena.web.faces.usecase;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.mlarena.usecase.control.UseCaseDraft;
import org.mlarena.usecase.entity.UseCase;
import org.mlarena.web.faces.evaluation.MetricChoices;

/**
 * The host page's form of a use case: every value as the host typed it, kept when the boundary refuses the draft.
 * Dates are edited in UTC. The metric is chosen as a family and, where it applies, an averaging.
 */
public class UseCaseForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String slug;
    private String title;
    private String visibility = "PRIVATE";
    private String status = "DRAFT";
    private String category;
    private String goal;
    private String problemStatement;
    private String background;
    private String rules;
    private String dataSource;
    private String dataContext;
    private String labelling;
    private String metric;
    private String averaging;
    private LocalDateTime opensAt;
    private LocalDateTime closesAt;
    private LocalDateTime selectionClosesAt;
    private Integer finalSubmissions = UseCase.DEFAULT_FINAL_SUBMISSIONS;
    private Long maxParameters = org.mlarena.numerics.nn.Architecture.MAX_PARAMETERS;
    private boolean horizontalFlips;
    private Integer submissionsPerDay = UseCase.DEFAULT_SUBMISSIONS_PER_DAY;
    private Integer teamSizeLimit = UseCase.DEFAULT_TEAM_SIZE;
    private Double computeBudgetPflops = UseCase.DEFAULT_BUDGET_PFLOPS;
    private Double publicFraction = UseCase.DEFAULT_PUBLIC_FRACTION;
    /** The version read, sent back on saving so that a use case changed meanwhile is not overwritten. */
    private long version;

    /** The form of a stored use case. */
    static UseCaseForm of(UseCase u, MetricChoices metrics) {
        UseCaseForm form = new UseCaseForm();
        form.slug = u.getSlug();
        form.title = u.getTitle();
        form.visibility = u.getVisibility().name();
        form.status = u.getStatus().name();
        form.category = u.getCategory() == null ? null : u.getCategory().name();
        form.goal = u.getGoal();
        form.problemStatement = u.getProblemStatement();
        form.background = u.getBackground();
        form.rules = u.getRules();
        form.dataSource = u.getDataSource();
        form.dataContext = u.getDataContext();
        form.labelling = u.getLabelling();
        MetricChoices.Family family = metrics.familyOf(u.getPrimaryMetric());
        form.metric = family == null ? u.getPrimaryMetric() : family.key();
        form.averaging = MetricChoices.averagingOf(u.getPrimaryMetric());
        form.opensAt = local(u.getOpensAt());
        form.closesAt = local(u.getClosesAt());
        form.selectionClosesAt = local(u.getSelectionClosesAt());
        form.finalSubmissions = u.getFinalSubmissions();
        form.maxParameters = u.getMaxParameters();
        form.horizontalFlips = u.isHorizontalFlips();
        form.submissionsPerDay = u.getSubmissionsPerDay();
        form.teamSizeLimit = u.getTeamSizeLimit();
        form.computeBudgetPflops = u.getComputeBudgetPflops();
        form.publicFraction = u.getPublicFraction();
        form.version = u.getVersion();
        return form;
    }

    /**
     * The draft to create or update with. Texts left empty are sent empty (on update that clears them); the slug
     * only on creation, where an empty one is made from the title.
     */
    UseCaseDraft draft(boolean creating, MetricChoices metrics) {
        return new UseCaseDraft(creating ? blankToNull(slug) : null, title, visibility, creating ? null : status, category,
                text(goal), text(problemStatement), text(background), text(rules), text(dataSource), text(dataContext), text(labelling),
                blankToNull(metric) == null ? null : metrics.idOf(metric, averaging),
                instant(opensAt), instant(closesAt), submissionsPerDay, teamSizeLimit, computeBudgetPflops, publicFraction, instant(selectionClosesAt),
                finalSubmissions, maxParameters, horizontalFlips);
    }

    /** After a change of the status alone: the rest of the form keeps what the host typed. */
    void stored(long storedVersion, String storedStatus) {
        this.version = storedVersion;
        this.status = storedStatus;
    }

    /** A draft that changes the status only. */
    static UseCaseDraft status(String status) {
        return new UseCaseDraft(null, null, null, status, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static LocalDateTime local(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime local) {
        return local == null ? null : local.toInstant(ZoneOffset.UTC);
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getVisibility() {
        return visibility;
    }

    public void setVisibility(String visibility) {
        this.visibility = visibility;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public String getGoal() {
        return goal;
    }

    public void setGoal(String goal) {
        this.goal = goal;
    }

    public String getProblemStatement() {
        return problemStatement;
    }

    public void setProblemStatement(String problemStatement) {
        this.problemStatement = problemStatement;
    }

    public String getBackground() {
        return background;
    }

    public void setBackground(String background) {
        this.background = background;
    }

    public String getDataSource() {
        return dataSource;
    }

    public void setDataSource(String dataSource) {
        this.dataSource = dataSource;
    }

    public String getDataContext() {
        return dataContext;
    }

    public void setDataContext(String dataContext) {
        this.dataContext = dataContext;
    }

    public String getLabelling() {
        return labelling;
    }

    public void setLabelling(String labelling) {
        this.labelling = labelling;
    }

    public String getRules() {
        return rules;
    }

    public void setRules(String rules) {
        this.rules = rules;
    }

    public String getMetric() {
        return metric;
    }

    public void setMetric(String metric) {
        this.metric = metric;
    }

    public String getAveraging() {
        return averaging;
    }

    public void setAveraging(String averaging) {
        this.averaging = averaging;
    }

    public LocalDateTime getOpensAt() {
        return opensAt;
    }

    public void setOpensAt(LocalDateTime opensAt) {
        this.opensAt = opensAt;
    }

    public LocalDateTime getClosesAt() {
        return closesAt;
    }

    public void setClosesAt(LocalDateTime closesAt) {
        this.closesAt = closesAt;
    }

    public LocalDateTime getSelectionClosesAt() {
        return selectionClosesAt;
    }

    public void setSelectionClosesAt(LocalDateTime selectionClosesAt) {
        this.selectionClosesAt = selectionClosesAt;
    }

    public boolean isHorizontalFlips() {
        return horizontalFlips;
    }

    public void setHorizontalFlips(boolean horizontalFlips) {
        this.horizontalFlips = horizontalFlips;
    }

    public Long getMaxParameters() {
        return maxParameters;
    }

    public void setMaxParameters(Long maxParameters) {
        this.maxParameters = maxParameters;
    }

    public Integer getFinalSubmissions() {
        return finalSubmissions;
    }

    public void setFinalSubmissions(Integer finalSubmissions) {
        this.finalSubmissions = finalSubmissions;
    }

    public Integer getSubmissionsPerDay() {
        return submissionsPerDay;
    }

    public void setSubmissionsPerDay(Integer submissionsPerDay) {
        this.submissionsPerDay = submissionsPerDay;
    }

    public Integer getTeamSizeLimit() {
        return teamSizeLimit;
    }

    public void setTeamSizeLimit(Integer teamSizeLimit) {
        this.teamSizeLimit = teamSizeLimit;
    }

    public Double getComputeBudgetPflops() {
        return computeBudgetPflops;
    }

    public void setComputeBudgetPflops(Double computeBudgetPflops) {
        this.computeBudgetPflops = computeBudgetPflops;
    }

    public Double getPublicFraction() {
        return publicFraction;
    }

    public void setPublicFraction(Double publicFraction) {
        this.publicFraction = publicFraction;
    }

    public long getVersion() {
        return version;
    }
}
