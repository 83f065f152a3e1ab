// store_add15: computes %15 (char_mingru.cell:19)
// one thread per element of [T, B, 304]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 304u * sizes.B * sizes.T) { return; }
  let i2 = id % 304u;
  let rest = id / 304u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let matmul13 = work_buf[76u * sizes.B * sizes.T + 1824u * sizes.B + 4u + ((i0) * sizes.B + i1) * 608u + i2 + 0u];
  let b_z_l0 = params_buf[432564u + i2];
  let add15 = (matmul13 + b_z_l0);
  work_buf[684u * sizes.B * sizes.T + 1824u * sizes.B + 4u + ((i0) * sizes.B + i1) * 304u + i2] = add15;
}
