#pragma once
// What an exception says to a person, for the CLI and the GUI alike (torch-free, so the GUI can call it): LibTorch's
// C++ backtrace (some 30 lines after its message) dropped, and the text bounded to a few hundred characters with
// what was elided said. Control characters are kept: terminals escape them, widgets show them as text.
#include <exception>
#include <string>

namespace vitlens {

std::string errorMessage(const std::exception& error);

}  // namespace vitlens
