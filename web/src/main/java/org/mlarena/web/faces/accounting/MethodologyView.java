package org.mlarena.web.faces.accounting;

import java.io.Serializable;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import org.mlarena.accounting.Methodology;
import org.mlarena.web.faces.BoundaryCall;

/** How FLOPs, energy, gCO2e and Rel % are counted: the methodology text (Markdown, shown as it is until a renderer comes). */
@Named
@ViewScoped
public class MethodologyView implements Serializable {

    private static final long serialVersionUID = 1L;

    private String text;

    /** The view action: reads the text before the page renders, so that a failure shows in its messages. */
    public void load() {
        try {
            text = Methodology.text();
        } catch (IllegalStateException e) {
            // a setting of the server is invalid: say which, rather than an error page
            text = "";
            BoundaryCall.add(null, FacesMessage.SEVERITY_ERROR, "The methodology cannot be shown: " + e.getMessage(),
                    "An administrator has to correct the accounting settings of the server.");
        }
    }

    public String getText() {
        return text;
    }
}
