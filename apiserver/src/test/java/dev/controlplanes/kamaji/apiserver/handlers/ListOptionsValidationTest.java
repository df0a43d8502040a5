package dev.controlplanes.kamaji.apiserver.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.api.Schemas;
import dev.controlplanes.kamaji.apiserver.errors.StatusException;
import dev.controlplanes.kamaji.apiserver.registry.ListQuery;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType;
import dev.controlplanes.kamaji.apiserver.registry.datastore.DataStoreResource;
import dev.controlplanes.kamaji.apiserver.registry.datastore.DataStoreStrategy;
import dev.controlplanes.kamaji.apiserver.testing.TestRequests;
import org.junit.jupiter.api.Test;

/** ListOptions validation, which kube does differently for lists and for watches. */
class ListOptionsValidationTest {

  private static final ResourceType TYPE =
      DataStoreResource.create(Schemas.dataStore(), new DataStoreStrategy());

  private static ListQuery query(String uri, boolean watch) {
    return Requests.listQuery(TestRequests.get(uri), TYPE, watch);
  }

  private static final String PATH = "/apis/kamaji.clastix.io/v1alpha1/datastores";

  @Test
  void watchListWithoutResourceVersionIsValid() {
    ListQuery q =
        query(
            PATH
                + "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan"
                + "&allowWatchBookmarks=true&resourceVersion=",
            true);
    assertThat(q.resourceVersionMatch()).isEqualTo("NotOlderThan");
  }

  @Test
  void watchesAcceptOnlyNotOlderThan() {
    assertThatThrownBy(
            () -> query(PATH + "?watch=true&resourceVersionMatch=Exact&resourceVersion=5", true))
        .isInstanceOf(StatusException.class)
        .hasMessage(
            "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Unsupported value:"
                + " \"Exact\": supported values: \"NotOlderThan\"");
  }

  @Test
  void listsStillNeedAResourceVersionForAMatch() {
    assertThatThrownBy(() -> query(PATH + "?resourceVersionMatch=NotOlderThan", false))
        .isInstanceOf(StatusException.class)
        .hasMessage(
            "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden:"
                + " resourceVersionMatch is forbidden unless resourceVersion is provided");
  }
}
