package org.mlarena.usecase.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;

import org.mlarena.numerics.nn.Architecture;
import org.mlarena.numerics.nn.ModelZoo;

/**
 * A competition: what to predict, from which data, judged by which metric, under which rules and limits.
 * Its hosts are {@code Membership}s with the role HOST.
 */
@Entity
@Table(name = "USE_CASE", uniqueConstraints = @UniqueConstraint(name = "USE_CASE_SLUG", columnNames = "SLUG"))
@NamedQuery(name = UseCase.BY_SLUG, query = "SELECT u FROM UseCase u WHERE u.slug = :slug")
public class UseCase {

    /** The final submissions a team may choose unless the hosts say otherwise (as Kaggle's default). */
    public static final int DEFAULT_FINAL_SUBMISSIONS = 2;

    public static final String BY_SLUG = "UseCase.bySlug";
    public static final int TEXT_LENGTH = 8000;
    /** The smallest parameter cap a host may set: a linear model of a small table fits it. */
    public static final long MIN_PARAMETER_CAP = 1000;
    public static final int DEFAULT_SUBMISSIONS_PER_DAY = 5;
    public static final int DEFAULT_TEAM_SIZE = 5;
    public static final double DEFAULT_BUDGET_PFLOPS = 10;
    public static final double DEFAULT_PUBLIC_FRACTION = 0.5;

    @Id
    @TableGenerator(name = "USE_CASE_IDS", table = "ARENA_IDS", pkColumnName = "NAME", valueColumnName = "NEXT_VALUE",
            pkColumnValue = "USE_CASE", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "USE_CASE_IDS")
    private Long id;

    @Version
    private long version;

    @Column(nullable = false, length = 80)
    private String slug;
    @Column(nullable = false, length = 200)
    private String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Visibility visibility;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private UseCaseStatus status;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    private ModelZoo.Category category;

    @Column(length = TEXT_LENGTH)
    private String goal;
    @Column(length = TEXT_LENGTH)
    private String problemStatement;
    @Column(length = TEXT_LENGTH)
    private String background;
    @Column(length = TEXT_LENGTH)
    private String rules;
    /** The data's story for the EDA tab, in Markdown: where it comes from, its context, how it was labelled. */
    @Column(length = TEXT_LENGTH)
    private String dataSource;
    @Column(length = TEXT_LENGTH)
    private String dataContext;
    @Column(length = TEXT_LENGTH)
    private String labelling;

    @Column(nullable = false, length = 60)
    private String primaryMetric;
    @Column(length = 20)
    private String averaging;

    private Instant opensAt;
    private Instant closesAt;
    /** when teams stop choosing their final submissions (null: when the use case closes) */
    private Instant selectionClosesAt;
    /** how many final submissions a team may choose (null: {@link #DEFAULT_FINAL_SUBMISSIONS}) */
    private Integer finalSubmissions;
    /** The most parameters a team's model may have (null: {@link Architecture#MAX_PARAMETERS}). */
    private Long maxParameters;
    /** Whether training may mirror the images left to right (null: no; a mirrored digit or letter is another). */
    private Boolean horizontalFlips;
    private int submissionsPerDay;
    private int teamSizeLimit;
    private double computeBudgetPflops;
    private double publicFraction;

    @Column(nullable = false, length = 200)
    private String createdBy;
    @Column(nullable = false)
    private Instant createdAt;
    private Instant updatedAt;

    protected UseCase() {
    }

    public UseCase(String slug, String createdBy, Instant createdAt) {
        this.slug = slug;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.status = UseCaseStatus.DRAFT;
        this.visibility = Visibility.PRIVATE;
        this.submissionsPerDay = DEFAULT_SUBMISSIONS_PER_DAY;
        this.teamSizeLimit = DEFAULT_TEAM_SIZE;
        this.computeBudgetPflops = DEFAULT_BUDGET_PFLOPS;
        this.publicFraction = DEFAULT_PUBLIC_FRACTION;
    }

    /** Open to everyone signed in (public or template). */
    /** Whether people may join now: not closed, and not a draft (templates excepted, they are explored as drafts too). */
    public boolean acceptsParticipants() {
        return status != UseCaseStatus.CLOSED && (status != UseCaseStatus.DRAFT || visibility == Visibility.TEMPLATE);
    }

    public boolean isOpen() {
        return visibility != Visibility.PRIVATE;
    }

    /** The compute budget per team in FLOPs. */
    public double computeBudgetFlops() {
        return computeBudgetPflops * 1e15;
    }

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public String getSlug() {
        return slug;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public Visibility getVisibility() {
        return visibility;
    }

    public void setVisibility(Visibility visibility) {
        this.visibility = visibility;
    }

    public UseCaseStatus getStatus() {
        return status;
    }

    public void setStatus(UseCaseStatus status) {
        this.status = status;
    }

    public ModelZoo.Category getCategory() {
        return category;
    }

    public void setCategory(ModelZoo.Category category) {
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

    public String getPrimaryMetric() {
        return primaryMetric;
    }

    public void setPrimaryMetric(String primaryMetric) {
        this.primaryMetric = primaryMetric;
    }

    public String getAveraging() {
        return averaging;
    }

    public void setAveraging(String averaging) {
        this.averaging = averaging;
    }

    public Instant getOpensAt() {
        return opensAt;
    }

    public void setOpensAt(Instant opensAt) {
        this.opensAt = opensAt;
    }

    public Instant getClosesAt() {
        return closesAt;
    }

    public void setClosesAt(Instant closesAt) {
        this.closesAt = closesAt;
    }

    public Instant getSelectionClosesAt() {
        return selectionClosesAt;
    }

    public void setSelectionClosesAt(Instant selectionClosesAt) {
        this.selectionClosesAt = selectionClosesAt;
    }

    public long getMaxParameters() {
        return maxParameters == null ? Architecture.MAX_PARAMETERS : maxParameters;
    }

    public void setMaxParameters(long maxParameters) {
        this.maxParameters = maxParameters;
    }

    public boolean isHorizontalFlips() {
        return Boolean.TRUE.equals(horizontalFlips);
    }

    public void setHorizontalFlips(boolean horizontalFlips) {
        this.horizontalFlips = horizontalFlips;
    }

    public int getFinalSubmissions() {
        return finalSubmissions == null ? DEFAULT_FINAL_SUBMISSIONS : finalSubmissions;
    }

    public void setFinalSubmissions(int finalSubmissions) {
        this.finalSubmissions = finalSubmissions;
    }

    public int getSubmissionsPerDay() {
        return submissionsPerDay;
    }

    public void setSubmissionsPerDay(int submissionsPerDay) {
        this.submissionsPerDay = submissionsPerDay;
    }

    public int getTeamSizeLimit() {
        return teamSizeLimit;
    }

    public void setTeamSizeLimit(int teamSizeLimit) {
        this.teamSizeLimit = teamSizeLimit;
    }

    public double getComputeBudgetPflops() {
        return computeBudgetPflops;
    }

    public void setComputeBudgetPflops(double computeBudgetPflops) {
        this.computeBudgetPflops = computeBudgetPflops;
    }

    public double getPublicFraction() {
        return publicFraction;
    }

    public void setPublicFraction(double publicFraction) {
        this.publicFraction = publicFraction;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }
}
