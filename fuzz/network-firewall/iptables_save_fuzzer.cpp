// iptables-save text, as a saved ruleset in an image or the output of iptables-save: parsed for
// IPv4 and IPv6, and every ruleset it accepts judged.
#include "fuzz/fuzz_target.hpp"
#include "fuzz/network-firewall/judge_tables.hpp"
#include "logic/iptables_save_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace scanner::network_firewall;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    written_by_nft_variant(text);
    for (ip_family family : {ip_family::ipv4, ip_family::ipv6}) {
        save_origin origin{backend::iptables_legacy, "/etc/iptables/rules.v4", family};
        auto parsed = parse_iptables_save(text, origin);
        if (parsed) scanner::fuzz::judge_tables(std::move(parsed.value));
    }
    return 0;
}
