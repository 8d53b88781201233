package org.mlarena.dataset.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mlarena.common.InvalidInputException;

class DataDictionaryTest {

    private static final List<String> CLASSES = List.of("0", "1", "2");
    private static final List<String> COLUMNS = List.of("alcohol", "proline");

    @Test
    void namesAndMeaningsOfWhatTheDataHasAreKeptAndStoredAsJson() {
        DataDictionary dictionary = DataDictionary.checked(Map.of("0", " T-shirt/top ", "2", "Pullover"), Map.of("proline", "an amino acid"),
                CLASSES, COLUMNS);
        assertEquals(Map.of("0", "T-shirt/top", "2", "Pullover"), dictionary.labelNames(), "names are trimmed");
        assertEquals("T-shirt/top (0)", dictionary.className("0"));
        assertEquals("1", dictionary.className("1"), "a class without a name keeps its label");
        assertEquals("an amino acid", dictionary.columns().get("proline"));
        assertEquals(dictionary, DataDictionary.fromJson(dictionary.toJson()));
        assertEquals(DataDictionary.EMPTY, DataDictionary.fromJson(null), "a dataset from before dictionaries has none");
    }

    @Test
    void whatTheDataDoesNotHaveIsRefusedNamingWhatItHas() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("3", "Dress");
        names.put("1", "");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DataDictionary.checked(names, Map.of("colour", "red or white"), CLASSES, COLUMNS));
        String all = e.errors().toString();
        assertTrue(all.contains("labelNames") && all.contains("no '3'") && all.contains("'0', '1', '2'"), all);
        assertTrue(all.contains("labelNames.1") && all.contains("Write something for '1'"), all);
        assertTrue(all.contains("columnDescriptions") && all.contains("no 'colour'") && all.contains("'alcohol', 'proline'"), all);
    }

    @Test
    void columnsOnlyForTablesAndNamesWithinBounds() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DataDictionary.checked(Map.of("0", "x".repeat(DataDictionary.MAX_NAME + 1)), Map.of("text", "the review"), CLASSES, List.of()));
        String all = e.errors().toString();
        assertTrue(all.contains("keep it to " + DataDictionary.MAX_NAME), all);
        assertTrue(all.contains("only tables (CSV) have feature columns"), all);
        InvalidInputException control = assertThrows(InvalidInputException.class,
                () -> DataDictionary.checked(Map.of("0", "two\nlines"), Map.of(), CLASSES, List.of()));
        assertTrue(control.errors().toString().contains("control characters"), control.errors().toString());
    }
}
