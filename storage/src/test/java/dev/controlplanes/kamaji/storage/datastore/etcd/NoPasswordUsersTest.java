package dev.controlplanes.kamaji.storage.datastore.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import org.junit.jupiter.api.Test;

class NoPasswordUsersTest {

  @Test
  void theRequestIsTheNameThenOptionsWithNoPassword() {
    byte[] wire = NoPasswordUsers.request("u").toByteArray();

    assertThat(wire)
        .containsExactly(
            0x0a, 0x01, 'u', // field 1 (name), length-delimited, 1 byte
            0x1a, 0x02, // field 3 (options), length-delimited, 2 bytes:
            0x08, 0x01); // field 1 (no_password), varint, true
  }

  @Test
  void etcdsOwnSchemaReadsNoPasswordAndNoPassword() throws Exception {
    byte[] wire = NoPasswordUsers.request("tenant-a-user").toByteArray();

    DynamicMessage request = DynamicMessage.parseFrom(etcdUserAddRequest(), wire);

    assertThat(request.getUnknownFields().asMap()).isEmpty();
    assertThat(field(request, "name")).isEqualTo("tenant-a-user");
    assertThat(field(request, "password")).isEqualTo("");
    assertThat(field(request, "hashedPassword")).isEqualTo("");
    DynamicMessage options = (DynamicMessage) field(request, "options");
    assertThat(options.getUnknownFields().asMap()).isEmpty();
    assertThat(field(options, "no_password")).isEqualTo(true);
  }

  private static Object field(DynamicMessage message, String name) {
    return message.getField(message.getDescriptorForType().findFieldByName(name));
  }

  /**
   * {@code etcdserverpb.AuthUserAddRequest} as etcd 3.6 declares it (api/etcdserverpb/rpc.proto,
   * api/authpb/auth.proto), which jetcd's generated class predates.
   */
  private static Descriptor etcdUserAddRequest() throws Exception {
    FileDescriptorProto file =
        FileDescriptorProto.newBuilder()
            .setName("etcd.proto")
            .setPackage("etcd")
            .setSyntax("proto3")
            .addMessageType(
                DescriptorProto.newBuilder()
                    .setName("UserAddOptions")
                    .addField(field("no_password", 1, Type.TYPE_BOOL)))
            .addMessageType(
                DescriptorProto.newBuilder()
                    .setName("AuthUserAddRequest")
                    .addField(field("name", 1, Type.TYPE_STRING))
                    .addField(field("password", 2, Type.TYPE_STRING))
                    .addField(
                        field("options", 3, Type.TYPE_MESSAGE).setTypeName(".etcd.UserAddOptions"))
                    .addField(field("hashedPassword", 4, Type.TYPE_STRING)))
            .build();
    return FileDescriptor.buildFrom(file, new FileDescriptor[0])
        .findMessageTypeByName("AuthUserAddRequest");
  }

  private static FieldDescriptorProto.Builder field(String name, int number, Type type) {
    return FieldDescriptorProto.newBuilder()
        .setName(name)
        .setNumber(number)
        .setType(type)
        .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
  }
}
