#pragma once
// Image folders on disk, without decoding anything: ROOT/<class>/<image> data sets (evaluation, training) and the
// images under a folder (vitlens-cli classify DIR). Free of torch and OpenCV.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace vitlens {

// A data set folder that cannot be used: missing, no class folders, an empty class, an undecodable image.
class DatasetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ImageFolder {
  std::string root;
  std::vector<std::string> classes;  // sorted folder names; label i is classes[i]
  std::vector<std::string> files;    // sorted by class, then by file name
  std::vector<int64_t> labels;       // one per file
};

// By extension, case-insensitive: .jpg .jpeg .png .bmp .webp .tif .tiff.
bool isImageFileName(const std::string& path);

// Scans root/<class>/* for image files (hidden files skipped). Throws DatasetError when root is missing, holds no
// class folder, or a class folder holds no image.
ImageFolder scanImageFolder(const std::string& root);

// Every image file under root, recursively (hidden files and folders skipped), sorted by path. Throws
// DatasetError when root is not a folder or cannot be listed.
std::vector<std::string> listImagesRecursively(const std::string& root);

}  // namespace vitlens
