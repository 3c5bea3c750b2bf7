#include "engine/error_text.h"

#include <c10/util/Exception.h>

#include <filesystem>

#include "util/message_text.h"

namespace vitlens {

std::string errorMessage(const std::exception& error) {
  if (const auto* torchError = dynamic_cast<const c10::Error*>(&error)) {
    return boundedMessage(torchError->what_without_backtrace());
  }
  // libstdc++ words these "filesystem error: directory iterator cannot open directory: No such file or directory
  // [path]"; the path and the reason read better the other way round.
  if (const auto* fsError = dynamic_cast<const std::filesystem::filesystem_error*>(&error)) {
    return boundedMessage(fsError->path1().string() + ": " + fsError->code().message());
  }
  return boundedMessage(error.what());
}

}  // namespace vitlens
