package dev.animerec.userlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UserListTest {

    private static UserList.Entry completed(int id, int score, String finished, String updated) {
        return new UserList.Entry(id, UserList.COMPLETED, score, 12, finished == null ? null : LocalDate.parse(finished),
                updated == null ? null : Instant.parse(updated));
    }

    @Test
    void lastCompletedIsTheLatestFinishDateElseUpdateDayAndNeverDependsOnOrder() {
        List<UserList.Entry> entries = new ArrayList<>(List.of(
                completed(1, 10, "2022-01-02", null),
                // no finish date, but updated after every finish date: its update day counts
                completed(2, 3, null, "2022-05-01T10:00:00Z"),
                completed(3, 9, null, null),
                new UserList.Entry(4, UserList.WATCHING, 10, 3, LocalDate.parse("2023-01-01"), null),
                new UserList.Entry(5, null, 0, 0, null, null)));
        Random random = new Random(3);
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(entries, random);
            assertThat(new UserList("u", entries).lastCompleted()).isEqualTo(2);
        }
    }

    @Test
    void sameDayTiesGoToTheHigherScoreThenTheHigherIdAndUndatedListsToTheBestScore() {
        assertThat(new UserList("u", List.of(completed(7, 8, "2022-01-02", null), completed(3, 9, "2022-01-02", null),
                completed(9, 9, null, "2022-01-02T23:00:00Z"))).lastCompleted()).isEqualTo(9);
        assertThat(new UserList("u", List.of(completed(7, 8, null, null), completed(3, 9, null, null),
                completed(2, 9, null, null))).lastCompleted()).isEqualTo(3);
        assertThat(new UserList("u", List.of(new UserList.Entry(1, UserList.DROPPED, 10))).lastCompleted()).isNull();
        UserList undated = new UserList("u", List.of(completed(7, 8, null, null), completed(3, 9, null, null),
                completed(999, 10, null, null)));
        assertThat(undated.lastCompleted()).isEqualTo(999);
        assertThat(undated.lastCompleted(id -> id < 100)).as("the same rule among the known anime").isEqualTo(3);
        assertThat(undated.lastCompleted(id -> false)).isNull();
    }

    @Test
    void watchedIsCompletedWatchingAndOnHoldOnly() {
        UserList list = new UserList("u", List.of(new UserList.Entry(1, "completed", 0), new UserList.Entry(2, "watching", 0),
                new UserList.Entry(3, "on_hold", 0), new UserList.Entry(4, "dropped", 0),
                new UserList.Entry(5, "plan_to_watch", 0), new UserList.Entry(6, null, 0)));
        assertThat(list.watched()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(list.status(4)).isEqualTo("dropped");
        assertThat(list.status(6)).isNull();
        assertThat(list.status(99)).isNull();
    }

    @Test
    void anAnimeTwiceIsRefused() {
        assertThatThrownBy(() -> new UserList("u", List.of(new UserList.Entry(1, "completed", 9),
                new UserList.Entry(1, "dropped", 2)))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void theRedisFormRoundTripsEveryFieldAndLeavesTrailingUnknownDatesOut() {
        UserList list = new UserList("Some_One", List.of(
                completed(1, 10, "2022-01-02", "2022-01-03T04:05:06Z"),
                completed(2, 7, null, "2021-06-01T00:00:00Z"),
                new UserList.Entry(3, null, 0, 0, null, null),
                new UserList.Entry(4, UserList.PLAN_TO_WATCH, 0, 0, LocalDate.parse("2020-02-29"), null)));
        String json = UserListCodec.writeString(list);
        assertThat(json).startsWith("{\"username\":\"Some_One\",\"last_completed\":1,\"entries\":[")
                .contains("[3,null,0,0]").contains("[4,\"plan_to_watch\",0,0,\"2020-02-29\"]")
                .contains("[2,\"completed\",7,12,null,\"2021-06-01T00:00:00Z\"]");
        UserList back = UserListCodec.read(json);
        assertThat(back.username()).isEqualTo("Some_One");
        assertThat(back.entries()).isEqualTo(list.entries());
        assertThat(back.lastCompleted()).isEqualTo(1);
    }

    @Test
    void aMalformedFormIsRefusedWithItsReason() {
        assertThatThrownBy(() -> UserListCodec.read("{\"username\":\"u\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entries");
        assertThatThrownBy(() -> UserListCodec.read("{\"username\":\"u\",\"entries\":[[\"1\",\"completed\",9]]}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserListCodec.read("[]")).isInstanceOf(IllegalArgumentException.class);
    }
}
