package org.mlarena.web.rest.platform;

/**
 * Body of {@code POST /api/v1/device-checks}; both fields are optional.
 *
 * @param size n of the n&times;n matrix product, 1 to 1024 (default 256)
 * @param seed seed of the random input matrices (default: random)
 */
public record DeviceCheckRequest(Integer size, Long seed) {
}
