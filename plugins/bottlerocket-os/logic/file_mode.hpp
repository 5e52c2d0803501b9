// The Linux st_mode type bits the ABI passes (plugin_api.h), named without <sys/stat.h> so the
// plugin stays on the C++ standard library alone.
#ifndef BOTTLEROCKET_OS_FILE_MODE_HPP
#define BOTTLEROCKET_OS_FILE_MODE_HPP

#include <cstdint>

namespace bottlerocket_os::file_mode {

inline constexpr uint32_t type_mask = 0170000;
inline constexpr uint32_t socket = 0140000;
inline constexpr uint32_t symlink = 0120000;
inline constexpr uint32_t regular = 0100000;
inline constexpr uint32_t block_device = 0060000;
inline constexpr uint32_t directory = 0040000;
inline constexpr uint32_t char_device = 0020000;
inline constexpr uint32_t fifo = 0010000;

inline constexpr bool is(uint32_t mode, uint32_t type) { return (mode & type_mask) == type; }

}  // namespace bottlerocket_os::file_mode

#endif
