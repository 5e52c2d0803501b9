#include <doctest/doctest.h>

#include "logic/os_release.hpp"

using scanner::kubernetes_worker::os_release_id;

TEST_CASE("os_release_id reads ID=") {
    CHECK(os_release_id("NAME=Bottlerocket\nID=bottlerocket\nVERSION_ID=1.26.1\n") ==
          "bottlerocket");                                                // plain
    CHECK(os_release_id("ID=\"ubuntu\"\nID_LIKE=debian\n") == "ubuntu");  // quoted
    CHECK(os_release_id("ID_LIKE=bottlerocket\n") == "");                 // no ID
    CHECK(os_release_id("# ID=bottlerocket\nID=amzn\n") == "amzn");       // comments
}
