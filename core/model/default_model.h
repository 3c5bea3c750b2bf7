#pragma once
// The model vitlens ships (resources/models/cifar-seed.safetensors, trained by vitlens-cli train), compiled into
// the binary so it is found without any path configuration, from the build tree or installed.
#include <cstddef>
#include <cstdint>
#include <string>

namespace vitlens {

bool hasDefaultModel();
// The file's bytes; nullptr / 0 when this build has no default model.
const uint8_t* defaultModelData();
size_t defaultModelSize();
// How messages and reports name it.
std::string defaultModelName();

}  // namespace vitlens
