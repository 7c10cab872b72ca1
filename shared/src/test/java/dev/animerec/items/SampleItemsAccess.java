package dev.animerec.items;

import java.util.List;

/** Lets tests in sub-packages use the package-private samples. */
public final class SampleItemsAccess {

    private SampleItemsAccess() {
    }

    public static List<Item> all() {
        return SampleItems.all();
    }
}
