#include "logic/conf_dirs.hpp"

#include <doctest/doctest.h>

#include "logic/file_mode.hpp"

using namespace bottlerocket_os;

TEST_CASE("order_conf_files hides names of lower directories and sorts by name") {
    const uint32_t reg = file_mode::regular;
    std::vector<conf_dir_listing> dirs{
        {"/etc/modprobe.d", {{"b.conf", reg}, {"z.conf", file_mode::symlink}}},
        {"/run/modprobe.d", {{"a.conf", reg}}},
        {"/usr/lib/modprobe.d",
         {{"b.conf", reg},                     // hidden by /etc's b.conf
          {"c.conf", reg},                     // applies
          {"README", reg},                     // not .conf
          {".hidden.conf", reg},               // dot file
          {".conf", reg},                      // nothing before the suffix
          {"d.conf", file_mode::directory}}},  // directories never count
    };
    auto order = order_conf_files(dirs, ".conf");
    std::vector<std::string> expected{"/run/modprobe.d/a.conf", "/etc/modprobe.d/b.conf",
                                      "/usr/lib/modprobe.d/c.conf", "/etc/modprobe.d/z.conf"};
    CHECK(order == expected);
}

TEST_CASE("order_conf_files sorts bytewise, so upper case comes before lower case") {
    std::vector<conf_dir_listing> dirs{{"/d",
                                        {{"b.conf", file_mode::regular},
                                         {"B.conf", file_mode::regular},
                                         {"10-x.conf", file_mode::regular},
                                         {"9-x.conf", file_mode::regular}}}};
    std::vector<std::string> expected{"/d/10-x.conf", "/d/9-x.conf", "/d/B.conf", "/d/b.conf"};
    CHECK(order_conf_files(dirs, ".conf") == expected);
}
