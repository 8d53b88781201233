package org.mlarena.web.rest.accounting;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mlarena.accounting.Methodology;

/** How FLOPs, energy, CO2 and Rel % are obtained, with the constants this server is configured with (Markdown). */
@Path("methodology")
@Tag(name = "Methodology", description = "FLOPs, energy, gCO2e and Rel %: formulas, constants and sources")
public class MethodologyResource {

    @GET
    @Produces("text/markdown")
    @Operation(summary = "The methodology of the resource figures, as Markdown, with the current constants")
    public String get() {
        return Methodology.text();
    }
}
