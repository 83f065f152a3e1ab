// store_scale_: computes scale (mlstm.cell:21)
// one thread per element of [T, B, 1]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= sizes.B * sizes.T) { return; }
  let i2 = 0u;
  let i1 = id % sizes.B;
  let rest = id / sizes.B;
  let i0 = rest;
  let m_next = work_buf[108u * sizes.B * sizes.T + 41u * sizes.B + ((i0) * sizes.B + i1) * 1u + i2];
  let neg58 = -(m_next);
  let scale = exp(neg58);
  work_buf[40u * sizes.B * sizes.T + ((i0) * sizes.B + i1) * 1u + i2] = scale;
}
