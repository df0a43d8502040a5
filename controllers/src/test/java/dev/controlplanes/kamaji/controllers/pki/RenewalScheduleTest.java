package dev.controlplanes.kamaji.controllers.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenewalScheduleTest {

  private static final Duration DEADLINE = Duration.ofHours(24);
  private static final RenewalSchedule SCHEDULE = new RenewalSchedule(DEADLINE);

  private static Map<PkiSecret, Map<String, byte[]>> issuedAt(Clock clock) {
    TenantCertificates pki =
        new TenantCertificates(Fixtures.parameters(KeyAlgorithm.ECDSA_P256).withClock(clock));
    Map<PkiSecret, Map<String, byte[]>> all = new EnumMap<>(PkiSecret.class);
    for (SecretContent content : pki.issueAll()) {
      all.put(content.secret(), content.data());
    }
    return all;
  }

  @Test
  void theEarliestLeafDecidesAndTheDeadlineIsSubtracted() {
    Map<PkiSecret, Map<String, byte[]>> secrets = issuedAt(Fixtures.CLOCK);
    Instant leafNotAfter =
        Pem.decodeCertificate(secrets.get(PkiSecret.API_SERVER).get("apiserver.crt"))
            .getNotAfter()
            .toInstant();

    assertThat(SCHEDULE.earliest(secrets)).contains(leafNotAfter.minus(DEADLINE));
  }

  @Test
  void anOlderCertificateMovesTheMomentEarlier() {
    Map<PkiSecret, Map<String, byte[]>> secrets = issuedAt(Fixtures.CLOCK);
    Clock earlier = Clock.fixed(Fixtures.NOW.minus(Duration.ofDays(300)), ZoneOffset.UTC);
    Map<String, byte[]> oldKubelet = issuedAt(earlier).get(PkiSecret.API_SERVER_KUBELET_CLIENT);
    secrets.put(PkiSecret.API_SERVER_KUBELET_CLIENT, oldKubelet);
    Instant oldNotAfter =
        Pem.decodeCertificate(oldKubelet.get("apiserver-kubelet-client.crt"))
            .getNotAfter()
            .toInstant();

    assertThat(SCHEDULE.earliest(secrets)).contains(oldNotAfter.minus(DEADLINE));
    assertThat(oldNotAfter).isBefore(Fixtures.NOW.plus(Duration.ofDays(66)));
  }

  @Test
  void aKubeconfigCountsByItsClientCertificate() {
    Clock earlier = Clock.fixed(Fixtures.NOW.minus(Duration.ofDays(100)), ZoneOffset.UTC);
    Map<String, byte[]> admin = issuedAt(earlier).get(PkiSecret.ADMIN_KUBECONFIG);
    Instant clientNotAfter =
        Pem.decodeCertificate(Kubeconfigs.parse(admin.get("admin.conf")).clientCertificate())
            .getNotAfter()
            .toInstant();

    assertThat(SCHEDULE.earliest(Map.of(PkiSecret.ADMIN_KUBECONFIG, admin)))
        .contains(clientNotAfter.minus(DEADLINE));
  }

  @Test
  void casKeyPairsAndUnreadableDataAreIgnored() {
    Map<PkiSecret, Map<String, byte[]>> secrets = issuedAt(Fixtures.CLOCK);
    Map<PkiSecret, Map<String, byte[]>> only = new EnumMap<>(PkiSecret.class);
    only.put(PkiSecret.CA, secrets.get(PkiSecret.CA));
    only.put(PkiSecret.FRONT_PROXY_CA, secrets.get(PkiSecret.FRONT_PROXY_CA));
    only.put(PkiSecret.SERVICE_ACCOUNT, secrets.get(PkiSecret.SERVICE_ACCOUNT));
    only.put(
        PkiSecret.API_SERVER,
        Map.of("apiserver.crt", "not a certificate".getBytes(StandardCharsets.UTF_8)));
    only.put(PkiSecret.SCHEDULER_KUBECONFIG, Map.of());

    assertThat(SCHEDULE.earliest(only)).isEmpty();
  }

  @Test
  void theDelayIsExactUntilTheMomentAndFallsBackOnceItPassed() {
    Instant now = Fixtures.NOW;
    Duration retry = Duration.ofMinutes(1);

    assertThat(RenewalSchedule.delayUntil(now.plusSeconds(3600), now, retry))
        .isEqualTo(Duration.ofHours(1));
    assertThat(RenewalSchedule.delayUntil(now, now, retry)).isEqualTo(retry);
    assertThat(RenewalSchedule.delayUntil(now.minusSeconds(5), now, retry)).isEqualTo(retry);
  }
}
