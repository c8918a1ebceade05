#!/bin/bash
# The C++ dependencies inside a manylinux_2_28 container (AlmaLinux 8), for cibuildwheel:
# zlib from the distribution, nlohmann/json from EPEL, and Boost's headers from Boost's own
# release (AlmaLinux 8 has Boost 1.66; the library needs 1.74 or later).
set -euo pipefail
dnf install -y epel-release
dnf install -y zlib-devel json-devel
version=1.86.0
curl -fsSL "https://archives.boost.io/release/${version}/source/boost_${version//./_}.tar.gz" -o /tmp/boost.tar.gz
tar -xzf /tmp/boost.tar.gz -C /tmp
cd "/tmp/boost_${version//./_}"
./bootstrap.sh --with-libraries=headers >/dev/null
./b2 install --prefix=/usr/local --with-headers >/dev/null
