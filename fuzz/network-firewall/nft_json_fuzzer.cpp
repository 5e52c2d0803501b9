// `nft -j list ruleset` output: parsed, and every ruleset it accepts judged.
#include "fuzz/fuzz_target.hpp"
#include "fuzz/network-firewall/judge_tables.hpp"
#include "logic/nft_json_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace scanner::network_firewall;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = parse_nft_json(text, "nft -j list ruleset");
    if (parsed) scanner::fuzz::judge_tables(std::move(parsed.value));
    return 0;
}
