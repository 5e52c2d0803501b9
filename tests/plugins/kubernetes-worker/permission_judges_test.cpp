#include <doctest/doctest.h>

#include <cerrno>

#include "logic/permission_judges.hpp"

using namespace scanner::kubernetes_worker;
using scanner::sdk::status;

namespace {

file_facts file(uint32_t mode, uint32_t uid = 0, uint32_t gid = 0) {
    return {"/etc/kubernetes/kubelet/config", 0, "", 0100000 | mode, uid, gid};
}

}  // namespace

TEST_CASE("judge_permissions applies the benchmark's masks") {
    const struct {
        uint32_t mode;
        uint32_t mask;
        status expected;
        std::string_view reason;
    } cases[] = {
        {0600, mask_600, status::pass, ""},  // exactly 600
        {0400, mask_600, status::pass, ""},  // stricter
        {0000, mask_600, status::pass, ""},  // no access at all
        {0644, mask_600, status::fail,
         "/etc/kubernetes/kubelet/config has mode 0644, expected 0600 or stricter"},  // group/other
                                                                                      // read
        {0700, mask_600, status::fail,
         "/etc/kubernetes/kubelet/config has mode 0700, expected 0600 or stricter"},  // owner
                                                                                      // execute
        {0644, mask_644, status::pass, ""},                                           // exactly 644
        {0444, mask_644, status::pass, ""},                                           // stricter
        {0664, mask_644, status::fail,
         "/etc/kubernetes/kubelet/config has mode 0664, expected 0644 or stricter"},  // group write
        {0645, mask_644, status::fail,
         "/etc/kubernetes/kubelet/config has mode 0645, expected 0644 or stricter"},  // other
                                                                                      // execute
        {04600, mask_600, status::pass, ""},  // setuid is not among the masked bits
    };
    for (const auto& c : cases) {
        CAPTURE(c.mode);
        verdict v = judge_permissions(file(c.mode), c.mask);
        CHECK(v.status == c.expected);
        CHECK(v.reason == c.reason);
        REQUIRE(v.evidence.size() == 1);
    }
    CHECK(judge_permissions(file(0644), mask_600).evidence[0].observed == "mode 0644, owner 0:0");
}

TEST_CASE("judge_root_ownership wants root:root") {
    CHECK(judge_root_ownership(file(0600)).status == status::pass);
    CHECK(judge_root_ownership(file(0600, 1000, 0)).reason ==
          "/etc/kubernetes/kubelet/config is owned by 1000:0, expected root:root (0:0)");
    CHECK(judge_root_ownership(file(0600, 0, 5)).status == status::fail);  // group only
}

TEST_CASE("a file that cannot be examined is an ERROR naming it") {
    file_facts gone{"/x", ENOENT, "No such file or directory", 0, 0, 0};
    CHECK(judge_permissions(gone, mask_600).status == status::error);
    CHECK(judge_root_ownership(gone).reason == "cannot stat /x: No such file or directory");
}

TEST_CASE("combine: ERROR over FAIL over PASS") {
    auto pass = verdict::pass({{"/a", "x"}});
    auto fail = verdict::fail("b is bad", {{"/b", "y"}});
    auto error = verdict::error("cannot stat /c");
    CHECK(combine({pass, pass}).status == status::pass);
    CHECK(combine({pass, fail}).reason == "b is bad");
    CHECK(combine({fail, fail}).reason == "b is bad; b is bad");
    CHECK(combine({fail, error}).status == status::error);
    CHECK(combine({pass, fail}).evidence.size() == 2);
}
