package org.mlarena.platform.entity;

import java.time.Instant;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.Version;

import org.mlarena.common.RunLifecycle;
import org.mlarena.common.ServerNode;
import org.mlarena.numerics.ComputeDevice;
import org.mlarena.numerics.DeviceCheck;

/**
 * One run of the device-check job: who asked, which device really ran the kernel, and whether its result
 * equalled the plain-Java reference.
 */
@Entity
@Table(name = "DEVICE_CHECK_RUN")
@NamedQuery(name = DeviceCheckRun.RECENT_FIRST, query = "SELECT r FROM DeviceCheckRun r ORDER BY r.lifecycle.queuedAt DESC, r.id DESC")
@NamedQuery(name = DeviceCheckRun.COUNT, query = "SELECT COUNT(r) FROM DeviceCheckRun r")
@NamedQuery(name = DeviceCheckRun.IN_STATUS, query = "SELECT r FROM DeviceCheckRun r WHERE r.status = :status")
@NamedQuery(name = DeviceCheckRun.RECENT_FIRST_OF_USER, query = "SELECT r FROM DeviceCheckRun r WHERE r.requestedBy = :user"
        + " ORDER BY r.lifecycle.queuedAt DESC, r.id DESC")
@NamedQuery(name = DeviceCheckRun.COUNT_OF_USER, query = "SELECT COUNT(r) FROM DeviceCheckRun r WHERE r.requestedBy = :user")
public class DeviceCheckRun {

    public static final String RECENT_FIRST = "DeviceCheckRun.recentFirst";
    public static final String COUNT = "DeviceCheckRun.count";
    public static final String IN_STATUS = "DeviceCheckRun.inStatus";
    public static final String RECENT_FIRST_OF_USER = "DeviceCheckRun.recentFirstOfUser";
    public static final String COUNT_OF_USER = "DeviceCheckRun.countOfUser";

    @Id
    // a table generator: EclipseLink's create-or-extend re-issues CREATE SEQUENCE on every start and logs its failure
    @TableGenerator(name = "DEVICE_CHECK_IDS", table = "ARENA_IDS", pkColumnName = "NAME", valueColumnName = "NEXT_VALUE",
            pkColumnValue = "DEVICE_CHECK_RUN", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "DEVICE_CHECK_IDS")
    private Long id;

    @Version
    private long version;

    @Column(nullable = false, length = 200)
    private String requestedBy;

    /** Requested is queued: a check waits for its job like every run; its reason is the failure's message. */
    @Embedded
    @AttributeOverride(name = "queuedAt", column = @Column(name = "REQUESTEDAT", nullable = false))
    @AttributeOverride(name = "statusReason", column = @Column(name = "MESSAGE", length = RunLifecycle.REASON_LENGTH))
    private RunLifecycle lifecycle;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private DeviceCheckStatus status;

    private int matrixSize;
    private long seed;

    @Column(length = 300)
    private String selectedDevice;
    @Column(length = 300)
    private String deviceName;
    @Column(length = 20)
    private String deviceType;
    @Column(length = 20)
    private String backend;
    @Column(length = 300)
    private String platform;

    private Integer mismatches;
    private Double maxAbsDifference;
    private Double checksum;
    private Long deviceNanos;
    private Long referenceNanos;
    private Long flops;

    protected DeviceCheckRun() {
        // for JPA
    }

    public DeviceCheckRun(String requestedBy, int matrixSize, long seed, Instant now) {
        this.requestedBy = requestedBy;
        this.matrixSize = matrixSize;
        this.seed = seed;
        this.lifecycle = RunLifecycle.queued(now);
        this.status = DeviceCheckStatus.REQUESTED;
    }

    /** The job has started (idempotent: the launcher and the job listener both report it). */
    public void started(String node, long executionId, Instant now) {
        this.status = lifecycle.started(status, DeviceCheckStatus.RUNNING, node, executionId, now);
    }

    /** Records the report; the run matched only if the job also succeeded. */
    public void finished(DeviceCheck.Report report, String failure, Instant now) {
        if (report != null) {
            this.selectedDevice = report.requested().describe();
            ComputeDevice ranOn = report.ranOn();
            this.deviceName = ranOn.name();
            this.deviceType = ranOn.type().name();
            this.backend = ranOn.backend();
            this.platform = ranOn.platform();
            this.mismatches = report.mismatches();
            this.maxAbsDifference = report.maxAbsDifference();
            this.checksum = report.checksum();
            this.deviceNanos = report.deviceNanos();
            this.referenceNanos = report.referenceNanos();
            this.flops = report.flops();
        }
        boolean ok = failure == null && report != null && report.matches();
        if (status == DeviceCheckStatus.REQUESTED) {
            // a check that failed before its job started is shown as started when it ended
            this.status = lifecycle.claimed(status, DeviceCheckStatus.RUNNING, ServerNode.name(), now);
        }
        this.status = lifecycle.ended(status, ok ? DeviceCheckStatus.MATCHED : DeviceCheckStatus.FAILED,
                ok ? null : failure != null ? failure : "the job ended without a report", now);
    }

    public Long getId() { return id; }
    public String getRequestedBy() { return requestedBy; }
    public RunLifecycle lifecycle() { return lifecycle; }
    // the REST resource writes this entity as it is: these four keep its JSON fields
    public Instant getRequestedAt() { return lifecycle.queuedAt(); }
    public Instant getStartedAt() { return lifecycle.startedAt(); }
    public Instant getFinishedAt() { return lifecycle.finishedAt(); }
    public Long getJobExecutionId() { return lifecycle.jobExecutionId(); }
    public DeviceCheckStatus getStatus() { return status; }
    public int getMatrixSize() { return matrixSize; }
    public long getSeed() { return seed; }
    public String getSelectedDevice() { return selectedDevice; }
    public String getDeviceName() { return deviceName; }
    public String getDeviceType() { return deviceType; }
    public String getBackend() { return backend; }
    public String getPlatform() { return platform; }
    public Integer getMismatches() { return mismatches; }
    public Double getMaxAbsDifference() { return maxAbsDifference; }
    public Double getChecksum() { return checksum; }
    public Long getDeviceNanos() { return deviceNanos; }
    public Long getReferenceNanos() { return referenceNanos; }
    public Long getFlops() { return flops; }
    public String getMessage() { return lifecycle.statusReason(); }
}
