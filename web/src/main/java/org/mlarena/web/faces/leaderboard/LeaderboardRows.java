package org.mlarena.web.faces.leaderboard;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The leaderboard for a lazy p:dataTable: the ranking comes whole from the boundary (ranking needs every team's best
 * score), the table renders one page of it, sorted on the column chosen. Unranked teams (no scored submission) stay
 * after the ranked ones whatever the order, and ties keep the ranking's order.
 */
public class LeaderboardRows extends LazyDataModel<LeaderboardRow> {

    private static final long serialVersionUID = 1L;

    /** The sortable columns by their {@code field}. */
    private static final Map<String, Function<LeaderboardRow, Comparable<?>>> COLUMNS = Map.ofEntries(
            Map.entry("rank", LeaderboardRow::rank),
            Map.entry("team", LeaderboardRow::team),
            Map.entry("score", LeaderboardRow::score),
            Map.entry("parameters", LeaderboardRow::parameters),
            Map.entry("modelBytes", LeaderboardRow::modelBytes),
            Map.entry("trainingFlops", LeaderboardRow::trainingFlops),
            Map.entry("relativeFlopsPercent", LeaderboardRow::relativeFlopsPercent),
            Map.entry("energyJoules", LeaderboardRow::energyJoules),
            Map.entry("gco2e", LeaderboardRow::gco2e),
            Map.entry("submissions", LeaderboardRow::submissions),
            Map.entry("budgetLeftPflops", LeaderboardRow::budgetLeftPflops),
            Map.entry("paretoOptimal", LeaderboardRow::paretoOptimal));

    private final List<LeaderboardRow> rows;

    public LeaderboardRows(List<LeaderboardRow> rows) {
        this.rows = List.copyOf(rows);
    }

    public List<LeaderboardRow> all() {
        return rows;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return rows.size();
    }

    @Override
    public List<LeaderboardRow> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        List<LeaderboardRow> sorted = rows;
        Comparator<LeaderboardRow> order = null;
        for (SortMeta sort : sortBy.values()) {
            Function<LeaderboardRow, Comparable<?>> column = COLUMNS.get(sort.getField());
            if (column == null || sort.getOrder() == SortOrder.UNSORTED) {
                continue;
            }
            Comparator<LeaderboardRow> one = comparator(column, sort.getOrder() == SortOrder.DESCENDING);
            order = order == null ? one : order.thenComparing(one);
        }
        if (order != null) {
            Comparator<LeaderboardRow> rankedFirst = Comparator.comparing(row -> row.rank() == null);
            sorted = rows.stream().sorted(rankedFirst.thenComparing(order)).toList();
        }
        int from = Math.min(first, sorted.size());
        int to = pageSize <= 0 ? sorted.size() : Math.min(sorted.size(), from + pageSize);
        // a copy: the table keeps the page in this model, which the session writes out (a sub-list cannot be)
        return List.copyOf(sorted.subList(from, to));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<LeaderboardRow> comparator(Function<LeaderboardRow, Comparable<?>> column, boolean descending) {
        Comparator<Comparable> natural = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return Comparator.comparing(row -> (Comparable) column.apply(row), Comparator.nullsLast(natural));
    }

    @Override
    public String getRowKey(LeaderboardRow row) {
        return Long.toString(row.teamId());
    }

    @Override
    public LeaderboardRow getRowData(String rowKey) {
        return rows.stream().filter(row -> Long.toString(row.teamId()).equals(rowKey)).findFirst().orElse(null);
    }
}
