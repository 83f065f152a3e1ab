// store_candidate: computes candidate (mingru.cell:16)
// one thread per four elements along the last axis of [T, B, 20]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 5u * sizes.B * sizes.T) { return; }
  let i2 = id % 5u;
  let rest = id / 5u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let matmul7 = work_buf[8u * sizes.B * sizes.T + 15u * sizes.B + ((i0) * sizes.B + i1) * 10u + i2 + 5u];
  let b_h_l0 = params_buf[305u + i2];
  let candidate = (matmul7 + b_h_l0);
  work_buf[28u * sizes.B * sizes.T + 20u * sizes.B + ((i0) * sizes.B + i1) * 5u + i2] = candidate;
}
