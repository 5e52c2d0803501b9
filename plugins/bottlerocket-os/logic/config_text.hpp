// A file as the judges see it: its text, or the errno value that explains why there is none.
#ifndef BOTTLEROCKET_OS_CONFIG_TEXT_HPP
#define BOTTLEROCKET_OS_CONFIG_TEXT_HPP

#include <string>

namespace bottlerocket_os {

/// A file's text, or why it could not be read.
struct config_text {
    std::string path;
    std::string text;
    int error = 0;  // errno value; 0 when `text` holds the file
};

}  // namespace bottlerocket_os

#endif
