package org.mlarena.web.faces.usecase;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.mlarena.common.Page;
import org.mlarena.team.boundary.UseCaseService;
import org.mlarena.usecase.entity.UseCase;
import org.mlarena.web.faces.BoundaryCall;

/**
 * The catalogue: cards of the use cases the caller may see, narrowed by a text (in title and goal), a visibility, and
 * to those the caller takes part in (hosts or competes in).
 * The boundary decides what is visible; this view only filters what it was given.
 */
@Named
@ViewScoped
public class CatalogueView implements Serializable {

    private static final long serialVersionUID = 1L;
    /** More use cases than anyone browses as cards; the REST API pages through the rest. */
    static final int MAX_CARDS = 1000;

    /**
     * A use case as its card shows it.
     *
     * @param visibility PUBLIC, TEMPLATE or PRIVATE
     */
    public record Card(String slug, String title, String visibility, String status, String category, String metric, String goal, String role)
            implements Serializable {

        static Card of(UseCase u, String role) {
            return new Card(u.getSlug(), u.getTitle(), u.getVisibility().name(), u.getStatus().name(),
                    u.getCategory() == null ? "" : u.getCategory().name(), u.getPrimaryMetric(), u.getGoal() == null ? "" : u.getGoal(), role);
        }

        /** "you host it", "you lead a team", "you are in a team", or empty. */
        public String roleLabel() {
            return role == null ? "" : switch (role) {
                case "HOST" -> "you host it";
                case "LEAD" -> "you lead a team";
                default -> "you are in a team";
            };
        }

        boolean matches(String text, String wantedVisibility, boolean onlyMine) {
            if (onlyMine && role == null) {
                return false;
            }
            boolean visible = wantedVisibility == null || wantedVisibility.isEmpty() || wantedVisibility.equals(visibility);
            if (!visible || text == null || text.isBlank()) {
                return visible;
            }
            String needle = text.strip().toLowerCase(Locale.ROOT);
            return title.toLowerCase(Locale.ROOT).contains(needle) || goal.toLowerCase(Locale.ROOT).contains(needle);
        }

        public String visibilityLabel() {
            return visibility.toLowerCase(Locale.ROOT);
        }
    }

    @Inject
    UseCaseService useCases;

    private List<Card> all;
    private String search;
    private String visibility;
    private boolean onlyMine;

    /** Reads the catalogue again (after a change of filter the cards come from this list). */
    public void load() {
        List<Card> cards = new ArrayList<>();
        BoundaryCall.run(() -> {
            java.util.Map<String, String> roles = useCases.myRoles();
            int first = 0;
            while (first < MAX_CARDS) {
                Page<UseCase> page = useCases.catalogue(first, Page.MAX_PAGE_SIZE);
                page.items().forEach(u -> cards.add(Card.of(u, roles.get(u.getSlug()))));
                first += Page.MAX_PAGE_SIZE;
                if (first >= page.total()) {
                    break;
                }
            }
        }, null);
        all = cards;
    }

    public List<Card> getCards() {
        if (all == null) {
            load();
        }
        return all.stream().filter(c -> c.matches(search, visibility, onlyMine)).toList();
    }

    /** How many the caller may see before filtering. */
    public int getTotal() {
        if (all == null) {
            load();
        }
        return all.size();
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    public boolean isOnlyMine() {
        return onlyMine;
    }

    public void setOnlyMine(boolean onlyMine) {
        this.onlyMine = onlyMine;
    }

    public String getVisibility() {
        return visibility;
    }

    public void setVisibility(String visibility) {
        this.visibility = visibility;
    }
}
