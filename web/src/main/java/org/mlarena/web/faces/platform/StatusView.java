package org.mlarena.web.faces.platform;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.mlarena.common.InvalidInputException;
import org.mlarena.numerics.DeviceCheck;
import org.mlarena.platform.boundary.DeviceCheckService;
import org.mlarena.platform.boundary.PlatformStatus;
import org.mlarena.platform.boundary.PlatformStatusService;
import org.mlarena.platform.entity.DeviceCheckRun;

/** The status page, for hosts: what the platform runs on, its nodes, and the device checks with a form to start one. */
@Named
@ViewScoped
public class StatusView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    PlatformStatusService platform;

    @Inject
    DeviceCheckService checks;

    private transient PlatformStatus status;
    private transient List<DeviceCheckRun> recent;

    @NotNull(message = "Enter a matrix size.")
    @Min(value = 1, message = "The matrix size must be at least 1.")
    @Max(value = DeviceCheck.MAX_SIZE, message = "The matrix size can be at most " + DeviceCheck.MAX_SIZE + ".")
    private Integer size = DeviceCheckService.DEFAULT_SIZE;

    @PostConstruct
    void load() {
        refresh();
    }

    public void refresh() {
        status = platform.status();
        recent = checks.recent(0, 10).items();
    }

    public void startCheck() {
        try {
            DeviceCheckRun run = checks.start(size, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                    "Device check " + run.getId() + " started", "It multiplies two " + size + "×" + size + " matrices on the device."));
        } catch (InvalidInputException e) {
            FacesContext.getCurrentInstance().addMessage("checkForm:size", new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        }
        refresh();
    }

    /** True while a check is still running: the page polls until none is. */
    public boolean isRunning() {
        return recent != null && recent.stream().anyMatch(r -> !r.getStatus().isFinished());
    }

    public PlatformStatus getStatus() {
        if (status == null) {
            refresh();
        }
        return status;
    }

    public List<DeviceCheckRun> getRecent() {
        if (recent == null) {
            refresh();
        }
        return recent;
    }

    public Integer getSize() {
        return size;
    }

    public void setSize(Integer size) {
        this.size = size;
    }
}
