#pragma once
// Writing files so that a crash or a full disk never leaves a half-written file under the final name, and so that
// nothing but a regular file is ever replaced: a device (/dev/null as root), a FIFO, a symbolic link or a folder at
// the output path is refused with a message, never renamed over.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "util/file_error.h"
#include "util/input_file.h"

namespace vitlens {

// Throws FileError when something other than a regular file is at path (checked with lstat: a symbolic link is
// refused too, whatever it points at). Nothing there, or a regular file: returns.
void requireReplaceable(const std::string& path);

// Writes to "<path>.tmp-XXXXXX" in the same folder, flushes, then renames over path. Throws FileError (disk full,
// no permission, not a regular file at path); the temporary file is removed on every failure.
void writeFileAtomically(const std::string& path, const uint8_t* data, size_t size);
void writeFileAtomically(const std::string& path, const std::vector<uint8_t>& bytes);

struct OutputFile {
  std::string path;
  std::vector<uint8_t> bytes;
};
// Several outputs of one command, all or nothing: every file is written to its temporary name and flushed before
// any is renamed, so a failure while writing (disk full) leaves none of them behind. Should a rename itself fail
// after earlier ones succeeded, the FileError says which files were written.
void writeFilesAtomically(const std::vector<OutputFile>& files);

}  // namespace vitlens
