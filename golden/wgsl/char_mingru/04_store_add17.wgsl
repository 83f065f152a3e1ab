// store_add17: computes %17 (char_mingru.cell:20)
// one thread per four elements along the last axis of [T, B, 304]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 76u * sizes.B * sizes.T) { return; }
  let i2 = id % 76u;
  let rest = id / 76u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let matmul13 = work_buf[19u * sizes.B * sizes.T + 456u * sizes.B + 1u + ((i0) * sizes.B + i1) * 152u + i2 + 76u];
  let b_h_l0 = params_buf[108217u + i2];
  let add17 = (matmul13 + b_h_l0);
  work_buf[247u * sizes.B * sizes.T + 456u * sizes.B + 1u + ((i0) * sizes.B + i1) * 76u + i2] = add17;
}
