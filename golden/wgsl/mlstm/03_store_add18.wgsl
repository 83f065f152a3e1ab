// store_add18: computes %18 (mlstm.cell:36)
// one thread per element of [T, B, 2]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 2u * sizes.B * sizes.T) { return; }
  let i2 = id % 2u;
  let rest = id / 2u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let matmul11 = work_buf[32u * sizes.B * sizes.T + ((i0) * sizes.B + i1) * 36u + i2 + 26u];
  let b_f = params_buf[580u + i2];
  let add18 = (matmul11 + b_f);
  work_buf[92u * sizes.B * sizes.T + 20u * sizes.B + ((i0) * sizes.B + i1) * 2u + i2] = add18;
}
