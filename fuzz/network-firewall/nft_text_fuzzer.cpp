// /etc/nftables.conf in nft's text syntax: parsed, and every ruleset it accepts judged.
#include "fuzz/fuzz_target.hpp"
#include "fuzz/network-firewall/judge_tables.hpp"
#include "logic/nft_text_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace scanner::network_firewall;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = parse_nft_text(text, "/etc/nftables.conf");
    if (parsed) scanner::fuzz::judge_tables(std::move(parsed.value));
    return 0;
}
