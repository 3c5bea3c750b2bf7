#pragma once
// The ImageNet-1k class names (resources/labels/imagenet-1k.txt, compiled in), for 1000-class models that carry
// no labels of their own.
#include <string>
#include <vector>

namespace vitlens {

const std::vector<std::string>& imagenetLabels();  // 1000 names in class-index order

// Labels from a text file, one per line (blank trailing lines ignored). Throws std::runtime_error naming the file
// when it cannot be read or holds a number of labels other than `expected`.
std::vector<std::string> readLabelsFile(const std::string& path, int64_t expected);

}  // namespace vitlens
