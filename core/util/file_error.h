#pragma once
// The one error type for reading and writing the user's files; the message names the file.
#include <stdexcept>

namespace vitlens {

class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace vitlens
