package dev.controlplanes.kamaji.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameFormatsTest {

  @Test
  void dns1035LabelMessageIsKubernetes() {
    assertThat(NameFormats.isDns1035Label("1abc"))
        .containsExactly(
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with"
                + " an alphabetic character, and end with an alphanumeric character (e.g. 'my-name', "
                + " or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
    assertThat(NameFormats.isDns1035Label("my-tenant")).isEmpty();
    assertThat(NameFormats.isDns1035Label("a".repeat(64)))
        .containsExactly("must be no more than 63 characters");
  }

  @Test
  void dns1123SubdomainMessageIsKubernetes() {
    assertThat(NameFormats.isDns1123Subdomain("T_1"))
        .containsExactly(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-'"
                + " or '.', and must start and end with an alphanumeric character (e.g."
                + " 'example.com', regex used for validation is"
                + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    assertThat(NameFormats.isDns1123Subdomain("etcd.example-1")).isEmpty();
  }

  @Test
  void dns1123LabelRejectsDotsSeparately() {
    assertThat(NameFormats.isDns1123Label("a.b")).containsExactly("must not contain dots");
    assertThat(NameFormats.isDns1123Label("A"))
        .containsExactly(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-',"
                + " and must start and end with an alphanumeric character (e.g. 'my-name',  or"
                + " '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
  }

  @Test
  void qualifiedNames() {
    assertThat(NameFormats.isQualifiedName("kamaji.clastix.io/paused")).isEmpty();
    assertThat(NameFormats.isQualifiedName("app")).isEmpty();
    assertThat(NameFormats.isQualifiedName("/x")).containsExactly("prefix part must be non-empty");
    assertThat(NameFormats.isQualifiedName("a/b/c")).hasSize(1);
    assertThat(NameFormats.isQualifiedName("example.com/")).contains("name part must be non-empty");
    assertThat(NameFormats.isQualifiedName("-x"))
        .containsExactly(
            "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and"
                + " end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or"
                + " '123-abc', regex used for validation is"
                + " '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
  }

  @Test
  void labelValuesPortNamesWildcards() {
    assertThat(NameFormats.isValidLabelValue("")).isEmpty();
    assertThat(NameFormats.isValidLabelValue("a b")).hasSize(1);
    assertThat(NameFormats.isValidPortName("https")).isEmpty();
    assertThat(NameFormats.isValidPortName("8080"))
        .containsExactly("must contain at least one letter (a-z)");
    assertThat(NameFormats.isWildcardDns1123Subdomain("*.example.org")).isEmpty();
    assertThat(NameFormats.isWildcardDns1123Subdomain("example.org")).hasSize(1);
    assertThat(NameFormats.isValidPortNum(0))
        .containsExactly("must be between 1 and 65535, inclusive");
  }
}
