#include <doctest/doctest.h>

#include "logic/systemd_unit.hpp"

using namespace scanner::kubernetes_worker;

TEST_CASE("parse_service_directives joins continuations and keeps [Service] only") {
    auto d = parse_service_directives(
        "[Unit]\n"
        "Description=Kubelet\n"
        "ExecStart=/not/service\n"
        "\n"
        "[Service]\n"
        "# a comment\n"
        "ExecStart=/usr/bin/kubelet \\\n"
        "    --config /etc/kubernetes/kubelet/config \\\n"
        "# a comment inside the continuation\n"
        "    --kubeconfig /k\n"
        "Environment=A=1\n"
        "; another comment\n"
        "[Install]\n"
        "Environment=B=2\n",
        "/u");
    REQUIRE(d.size() == 2);
    CHECK(d[0].key == "ExecStart");
    CHECK(d[0].value ==
          "/usr/bin/kubelet  --config /etc/kubernetes/kubelet/config  --kubeconfig /k");
    CHECK(d[0].line == 7);
    CHECK(d[0].file == "/u");
    CHECK(d[1].key == "Environment");
    CHECK(d[1].line == 11);
}

TEST_CASE("plan_service applies drop-ins in order with resets") {
    std::vector<unit_file_text> files = {
        {"/usr/lib/systemd/system/kubelet.service",
         "[Service]\nExecStart=/usr/bin/kubelet\nEnvironment=A=1\n"},
        // Bottlerocket's exec-start.conf: reset, then the real command.
        {"/etc/systemd/system/kubelet.service.d/exec-start.conf",
         "[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --config /c\n"},
        {"/etc/systemd/system/kubelet.service.d/zz-env.conf",
         "[Service]\nEnvironment=\nEnvironment=B=2\nEnvironmentFile=-/etc/default/kubelet\n"},
    };
    auto plan = plan_service(files);
    REQUIRE(plan.exec_start);
    CHECK(plan.exec_start->value == "/usr/bin/kubelet --config /c");
    CHECK(plan.exec_start->file == "/etc/systemd/system/kubelet.service.d/exec-start.conf");
    CHECK(plan.exec_start->line == 3);
    CHECK(plan.exec_start_count == 1);
    REQUIRE(plan.environment.size() == 1);
    CHECK(plan.environment[0].value == "B=2");
    CHECK(plan.environment_files.size() == 1);
}

TEST_CASE("plan_service without ExecStart") {
    // A drop-in that only resets leaves nothing to start.
    auto plan =
        plan_service({{"/a", "[Service]\nExecStart=/x\n"}, {"/b", "[Service]\nExecStart=\n"}});
    CHECK_FALSE(plan.exec_start);
    // No [Service] section at all.
    CHECK_FALSE(plan_service({{"/a", "[Unit]\nDescription=x\n"}}).exec_start);
}
