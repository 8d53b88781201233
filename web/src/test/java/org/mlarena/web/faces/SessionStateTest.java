package org.mlarena.web.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mlarena.web.faces.leaderboard.LeaderboardRow;
import org.mlarena.web.faces.leaderboard.LeaderboardRows;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * What a view or a session holds is written out by WildFly's distributable session manager: to the passivation store
 * when the application stops, to the other nodes of a cluster on every request. A field whose value cannot be
 * serialised fails there, far from its cause (a DataDictionary held by the use case view did, at every undeploy), so
 * every field of every view- or session-scoped bean is checked here, down to the components of the records it holds.
 */
class SessionStateTest {

    /** Interfaces whose values here are the JDK's serialisable collections (List.of, ArrayList, TreeMap...). */
    private static final Set<Class<?>> COLLECTIONS = Set.of(List.class, Map.class, Set.class, Collection.class);

    @Test
    void everyFieldOfAViewOrSessionIsSerializable() {
        List<Class<?>> beans = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.mlarena.web").stream()
                .filter(c -> c.isAnnotatedWith(ViewScoped.class) || c.isAnnotatedWith(SessionScoped.class))
                .map(JavaClass::reflect).toList();
        assertFalse(beans.isEmpty(), "the views must be found");
        List<String> problems = new ArrayList<>();
        for (Class<?> bean : beans) {
            check(bean, bean.getSimpleName(), problems, new HashSet<>());
        }
        assertEquals(List.of(), problems, "fields a session cannot write out");
    }

    @Test
    void aLeaderboardWithItsPageLoadedCanBeWrittenOut() throws Exception {
        // the table keeps the page that load() returns in the model (PrimeFaces' LazyDataModel), held by the view
        List<LeaderboardRow> rows = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            rows.add(new LeaderboardRow(i, i, "team " + i, i == 2, 0.9 - i / 10.0, null, null, 100, 400L, 1000L, 50.0, 1.5, true,
                    0.01, 2, 3.5, i == 1));
        }
        LeaderboardRows model = new LeaderboardRows(rows);
        model.setWrappedData(model.load(1, 2, Map.of(), Map.of()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(model);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            LeaderboardRows read = (LeaderboardRows) in.readObject();
            assertEquals(rows, read.all());
            assertEquals(List.of(rows.get(1), rows.get(2)), read.getWrappedData());
        }
    }

    @Test
    void theCheckFindsWhatCannotBeWrittenOut() {
        List<String> problems = new ArrayList<>();
        check(Holder.class, "Holder", problems, new HashSet<>());
        assertEquals(List.of("Holder.loose: Loose is not Serializable", "Holder.hidden.inner: Loose is not Serializable",
                "Holder.maybe: Optional<String> is not Serializable"), problems);
    }

    private static void check(Class<?> type, String path, List<String> problems, Set<Class<?>> seen) {
        if (!seen.add(type)) {
            return;
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                checkType(component.getGenericType(), path + "." + component.getName(), problems, seen);
            }
            return;
        }
        // a library's superclass (PrimeFaces' LazyDataModel) answers for its own fields
        for (Class<?> c = type; c != null && c.getName().startsWith("org.mlarena."); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()
                        || field.isAnnotationPresent(Inject.class) || field.isAnnotationPresent(EJB.class)) {
                    continue;
                }
                checkType(field.getGenericType(), path + "." + field.getName(), problems, seen);
            }
        }
    }

    private static void checkType(Type type, String path, List<String> problems, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            if (!raw.isInterface() || !COLLECTIONS.contains(raw)) {
                checkClass(raw, type, path, problems, seen);
            }
            for (Type argument : parameterized.getActualTypeArguments()) {
                checkType(argument, path, problems, seen);
            }
        } else if (type instanceof GenericArrayType array) {
            checkType(array.getGenericComponentType(), path, problems, seen);
        } else if (type instanceof WildcardType wildcard) {
            checkType(wildcard.getUpperBounds()[0], path, problems, seen);
        } else if (type instanceof TypeVariable<?> variable) {
            checkType(variable.getBounds()[0], path, problems, seen);
        } else if (type instanceof Class<?> c) {
            if (c.isArray()) {
                checkType(c.getComponentType(), path, problems, seen);
            } else if (!c.isInterface() || !COLLECTIONS.contains(c)) {
                checkClass(c, type, path, problems, seen);
            }
        }
    }

    private static void checkClass(Class<?> c, Type declared, String path, List<String> problems, Set<Class<?>> seen) {
        if (c.isPrimitive()) {
            return;
        }
        if (!Serializable.class.isAssignableFrom(c)) {
            problems.add(path + ": " + declared.getTypeName().replaceAll("[\\w.]+[.$]", "") + " is not Serializable");
        } else if (c.getName().startsWith("org.mlarena.")) {
            check(c, path, problems, seen);
        }
    }

    static final class Loose {
        int value;
    }

    record Hidden(Loose inner) implements Serializable {
    }

    static final class Holder implements Serializable {
        @Inject
        transient Object injected;
        Loose loose;
        Hidden hidden;
        java.util.Optional<String> maybe;
        List<Map<String, Integer>> fine;
        int[] counts;
    }
}
